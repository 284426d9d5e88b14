/*
 * The unified social credit code of GB 32100-2015: 18 characters, the registration authority
 * and organisation category (2), the GB/T 2260 division code of the registering authority (6),
 * the subject's identification code (9, the old GB 11714 organisation code), and a check
 * character computed over the first 17 with weights 3^i mod 31.
 */

/** The code's alphabet: digits and capital letters without I, O, S, V and Z; a character's value is its index. */
export const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of characters 1-17 (3^i mod 31). */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character of a code's first 17 characters (each from CREDIT_CODE_CHARACTERS). */
export function creditCodeCheckCharacter(body: string): string {
  const sum = [...body.slice(0, 17)].reduce((s, c, i) => s + CREDIT_CODE_CHARACTERS.indexOf(c) * CREDIT_CODE_WEIGHTS[i]!, 0);
  return CREDIT_CODE_CHARACTERS[(31 - (sum % 31)) % 31]!;
}

/** What is wrong with a code (upper case expected), or undefined when it is a valid unified social credit code. */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== 18) return `must be 18 characters, got ${code.length}`;
  const bad = [...code].findIndex((c) => !CREDIT_CODE_CHARACTERS.includes(c));
  if (bad >= 0) return `character ${bad + 1} (${JSON.stringify(code[bad])}) is not one of 0-9 and A-Y without I, O, S, V and Z`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'characters 3-8 must be the digits of a division code';
  // The expected character is not named: a mistyped character anywhere fails the check, and
  // "fixing" the last one would hide the typo.
  if (code[17] !== creditCodeCheckCharacter(code)) return 'the check character (18th) does not match characters 1-17 (GB 32100-2015): the code is mistyped';
  return undefined;
}
