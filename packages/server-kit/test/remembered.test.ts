import { describe, expect, it } from 'vitest';
import { remembered } from '../src/remembered.ts';

/** A computation that counts its runs. */
function counted<T>(value: T) {
  const run = { count: 0, compute: async () => (run.count++, value) };
  return run;
}

describe('remembered', () => {
  it('computes once for the same kind, inputs and version', async () => {
    const db = {};
    const run = counted({ parcels: 3 });
    const first = await remembered(db, 'soilRisk', { code: '110105' }, Promise.resolve('v1'), run.compute);
    const second = await remembered(db, 'soilRisk', { code: '110105' }, Promise.resolve('v1'), run.compute);
    expect(second).toBe(first);
    expect(run.count).toBe(1);
  });

  it('computes again when the version changes, and keeps the new result', async () => {
    const db = {};
    const run = counted('x');
    await remembered(db, 'k', [1], Promise.resolve('v1'), run.compute);
    await remembered(db, 'k', [1], Promise.resolve('v2'), run.compute);
    await remembered(db, 'k', [1], Promise.resolve('v2'), run.compute);
    expect(run.count).toBe(2);
  });

  it('computes again for other inputs (a land use planning changed), another kind or another database', async () => {
    const db = {};
    const run = counted('x');
    await remembered(db, 'k', { parcels: [{ id: 'P1', landUse: '0101' }] }, Promise.resolve('v1'), run.compute);
    await remembered(db, 'k', { parcels: [{ id: 'P1', landUse: '0702' }] }, Promise.resolve('v1'), run.compute);
    await remembered(db, 'other', { parcels: [{ id: 'P1', landUse: '0101' }] }, Promise.resolve('v1'), run.compute);
    await remembered({}, 'k', { parcels: [{ id: 'P1', landUse: '0101' }] }, Promise.resolve('v1'), run.compute);
    expect(run.count).toBe(4);
  });

  it('keeps nothing when the computation fails', async () => {
    const db = {};
    await expect(remembered(db, 'k', 1, Promise.resolve('v1'), () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    const run = counted('ok');
    expect(await remembered(db, 'k', 1, Promise.resolve('v1'), run.compute)).toBe('ok');
    expect(run.count).toBe(1);
  });
});
