// Runs in main. Migrations are supplied statically: the bundled app has no migrations folder to scan.
// Append only. Zero-padded sequence numbers; a migration is frozen once landed.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_init';
import * as m0002 from './0002_usage_ingest';
import * as m0003 from './0003_pricing';
import * as m0004 from './0004_wallets';
import * as m0005 from './0005_alerts';
import * as m0006 from './0006_lifecycle';
import * as m0007 from './0007_invoices';
import * as m0008 from './0008_stripe';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_usage_ingest': m0002,
  '0003_pricing': m0003,
  '0004_wallets': m0004,
  '0005_alerts': m0005,
  '0006_lifecycle': m0006,
  '0007_invoices': m0007,
  '0008_stripe': m0008,
};

export const LATEST_SCHEMA_VERSION = Object.keys(MIGRATIONS).length;
