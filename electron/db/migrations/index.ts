// Runs in main. Migrations are supplied statically: the bundled app has no migrations folder to scan.
// Append only. Zero-padded sequence numbers; a migration is frozen once landed.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_init';
import * as m0002 from './0002_usage_ingest';
import * as m0003 from './0003_pricing';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_usage_ingest': m0002,
  '0003_pricing': m0003,
};

export const LATEST_SCHEMA_VERSION = Object.keys(MIGRATIONS).length;
