import type { Database } from '@soilgraph/db';
import { generateDemoData } from '@soilgraph/db/demo';
import { districts } from '@soilgraph/db/planning';
import { parcelImport } from '@soilgraph/planning/imports';
import { createLogger, inProcessReferenceResolver, type ReferenceResolver, writeBatch } from '@soilgraph/server-kit';
import { SUBGRAPHS } from '../src/kinds.ts';

/** The owners of what a file names, reached as the CLI reaches them: their subgraphs executed in this process, on the test database. */
export function ownersOn(db: Database): ReferenceResolver {
  return inProcessReferenceResolver({ definitions: SUBGRAPHS, dbFor: () => db, logger: createLogger('owners', 'silent') });
}

/**
 * Registers parcels with planning through planning's own write path (its districts first, once),
 * so that other agencies' files may name them: planning, not the test, decides what exists.
 */
export async function registerParcels(db: Database, parcels: readonly { id: string; districtCode: string }[]): Promise<void> {
  await db.insert(districts).values(generateDemoData().planning.districts).onConflictDoNothing();
  const rows = parcelImport.parse(
    parcels.map(({ id, districtCode }) => ({
      externalId: `test-parcel-${id}`,
      id,
      name: `Test parcel ${id} (synthetic)`,
      districtCode,
      landUse: '0101',
      areaHa: 1.5,
      geometry: { type: 'Polygon', coordinates: [[[116.3, 39.9], [116.31, 39.9], [116.31, 39.91], [116.3, 39.9]]] },
    })),
  );
  await writeBatch(db, parcelImport, rows, { agency: 'planning', operation: 'submitParcels', subject: 'test' });
}
