import { describe, expect, it } from 'vitest';
import { required } from '../src/representations.ts';

describe('required', () => {
  it('gives the field the gateway sent', () => {
    expect(required({ code: '110105', allParcels: [{ id: 'P1' }] }, 'allParcels', 'District 110105: soilRisk')).toEqual([{ id: 'P1' }]);
  });

  it('refuses a representation without the field with BAD_USER_INPUT naming it', () => {
    const ref: { code: string; allParcels?: unknown[] } = { code: '110105' };
    expect(() => required(ref, 'allParcels', 'District 110105: soilRisk')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('lacks allParcels'), extensions: { code: 'BAD_USER_INPUT', argumentPath: ['representations'] } }),
    );
  });

  it('answers SUBGRAPH_UNAVAILABLE, not a crash, for an entity the owner failed to deliver (null in a list)', () => {
    const districts = [{ code: '110105', allParcels: [] }, null] as unknown as { code: string; allParcels: unknown[] }[];
    expect(() => districts.map((d) => required(d, 'allParcels', 'City: soilRisk'))).toThrow(
      expect.objectContaining({ message: expect.stringContaining('did not arrive'), extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }),
    );
  });
});
