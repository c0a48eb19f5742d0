// Runs anywhere, including the sandboxed preload: plain lists, no zod, so the preload stays tiny.
// A test checks these lists equal the keys of `commands` and `events`.
import { ALERTS_COMMAND_NAMES } from './alerts-names';
import { IMPORT_COMMAND_NAMES } from './import-names';
import { LIFECYCLE_COMMAND_NAMES } from './lifecycle-names';
import { WALLET_COMMAND_NAMES } from './wallet-names';
import { PRICING_COMMAND_NAMES } from './pricing-names';
import { INVOICE_COMMAND_NAMES } from './invoice-names';
import { STRIPE_COMMAND_NAMES } from './stripe-names';
import { DASHBOARD_COMMAND_NAMES } from './dashboard-names';
import { BACKUP_COMMAND_NAMES } from './backup-names';

export const COMMAND_NAMES = [
  'app.info',
  'agency.get',
  'agency.save',
  'clients.list',
  'clients.get',
  'clients.create',
  'clients.update',
  'clients.archive',
  'clients.restore',
  'providers.list',
  'metrics.list',
  'metrics.create',
  'metrics.delete',
  'usage.totals',
  'demo.load',
  'exchangeRates.list',
  'exchangeRates.set',
  'providers.kinds',
  'providers.get',
  'providers.create',
  'providers.update',
  'providers.archive',
  'providers.restore',
  'providers.test',
  'sync.start',
  'sync.cancel',
  'sync.jobs',
  'sync.job',
  'mappings.list',
  'mappings.create',
  'mappings.delete',
  'usage.unassigned',
  'usage.rebuildRollups',
  ...PRICING_COMMAND_NAMES,
  ...IMPORT_COMMAND_NAMES,
  ...WALLET_COMMAND_NAMES,
  ...ALERTS_COMMAND_NAMES,
  ...LIFECYCLE_COMMAND_NAMES,
  ...INVOICE_COMMAND_NAMES,
  ...STRIPE_COMMAND_NAMES,
  ...DASHBOARD_COMMAND_NAMES,
  ...BACKUP_COMMAND_NAMES,
] as const;

export const EVENT_NAMES = ['data.changed', 'job.progress', 'alert.raised', 'app.navigate'] as const;

/** IPC channel of a command. */
export const commandChannel = (name: string): string => `mb:cmd:${name}`;
/** IPC channel of an event. */
export const eventChannel = (name: string): string => `mb:evt:${name}`;
