import seedrandom from 'seedrandom';

/** A seeded random source: the same seed gives the same sequence on every machine. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  between(min: number, max: number): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[item, weight], ...]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  chance(probability: number): boolean;
  /** Log-normal around a median with a geometric spread (soil concentrations are log-normal). */
  logNormal(median: number, spread: number): number;
}

export function createRandom(seed: string): Random {
  const rng = seedrandom(seed);
  const next = () => rng.quick();
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, maxInclusive) => min + Math.floor(next() * (maxInclusive - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (choices) => {
      const total = choices.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of choices) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return choices.at(-1)![0];
    },
    chance: (probability) => next() < probability,
    logNormal: (median, spread) => {
      // Box-Muller on two uniforms; spread is the geometric standard deviation.
      const u = Math.max(next(), Number.EPSILON);
      const v = next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return median * Math.exp(z * Math.log(spread));
    },
  };
  return random;
}

/** Rounds to a number of decimals, as a lab would report it. */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
