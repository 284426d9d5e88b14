import type { Agency } from '@soilgraph/db';
import { soilSampleImport } from '@soilgraph/environment/imports';
import type { ImportKind } from '@soilgraph/server-kit';

type AnyImportKind = ImportKind<{ externalId: string }, { id: string }>;

/** What each agency's data can be imported as: `pnpm import <agency> <kind> <file>`. */
export const IMPORT_KINDS: Partial<Record<Agency, Record<string, AnyImportKind>>> = {
  environment: { samples: soilSampleImport as unknown as AnyImportKind },
};
