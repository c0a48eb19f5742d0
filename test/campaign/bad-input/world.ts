// Test helper (Node only). A seeded workspace for the bad-input campaign: the demo agency (providers, clients,
// plans, subscriptions, usage) plus one of everything a command can point at (drafts, issued, paid and credited
// invoices, a close run, a wallet movement, a license, a pause, a file import with its job and saved mapping, a
// custom metric, a Stripe link and outbox item). It is built once per test file as a template folder; each
// command gets its own copy, so what an accepted input writes never leaks into another command's run.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportMappingInput } from '../../../shared/domain/import-mapping';
import { openAppContext, type AppContext } from '../../../electron/services/app-context';
import { fixedClock } from '../../../electron/services/clock';
import { silentLogger } from '../../../electron/services/logger';
import { FAKE_STRIPE_TEST_KEY, startFakeStripe, type FakeStripe } from '../../fakes/fake-stripe';
import { ok, tempDir } from '../../helpers/temp-context';

export const NOW = '2026-11-20T12:00:00.000Z';

export interface WorldIds {
  clientId: number;
  otherClientId: number;
  planId: number;
  planVersion: number;
  subscriptionId: number;
  /** a demo API provider account (no real endpoint: every request fails at once) */
  providerId: number;
  fileProviderId: number;
  customMetricId: number;
  mappingId: number;
  importMappingId: number;
  ingestJobId: number;
  draftInvoiceId: number;
  issuedInvoiceId: number;
  paidInvoiceId: number;
  creditNoteId: number;
  lineId: number;
  discountId: number;
  closeRunId: number;
  licenseId: number;
  pauseId: number;
  outboxId: number;
  alertId: number;
  /** a small valid usage CSV outside the data folder */
  csvPath: string;
  exportJobId: string;
}

export interface Template {
  dir: string;
  ids: WorldIds;
  stripe: FakeStripe;
  dispose(): Promise<void>;
}

export interface World {
  ctx: AppContext;
  ids: WorldIds;
  /** the database as SQLite serializes it (main file + WAL content, byte for byte) */
  snapshot(): Buffer;
  /** waits until no background job (sync, import, close run, export) is running */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

/** No provider is reachable in the campaign: every request fails at once (no retries wait). */
const offlineFetch: typeof fetch = () => Promise.reject(new TypeError('fetch failed (the bad-input campaign is offline)'));

async function open(dataDir: string, stripe: FakeStripe): Promise<AppContext> {
  return openAppContext({
    dataDir,
    mode: 'cli',
    clock: fixedClock(NOW),
    logger: silentLogger,
    fetch: offlineFetch,
    http: { maxAttempts: 1, timeoutMs: 2_000, sleep: () => Promise.resolve() },
    stripeEndpoint: stripe.clientOptions,
  });
}

async function settle(ctx: AppContext): Promise<void> {
  for (let i = 0; i < 50 && ctx.jobs.running().length > 0; i++) {
    await Promise.all(ctx.jobs.running().map((j) => ctx.jobs.wait(j.id)));
  }
}

const CSV_MAPPING = {
  format: 'csv' as const,
  columns: { externalId: 'id', clientKey: 'sub', clientKeyPrefix: 'sub_account:', metric: 'metric', quantity: 'qty', occurredAt: 'at', timeZone: 'UTC', cost: 'cost' },
} satisfies ImportMappingInput;

export { CSV_MAPPING };

/** Builds the seeded template once (about two seconds). */
export async function buildTemplate(): Promise<Template> {
  const stripe = await startFakeStripe();
  const dir = tempDir('mb-bad-input-');
  const filesDir = tempDir('mb-bad-input-files-');
  const ctx = await open(dir, stripe);
  const d = ctx.dispatch;
  ok(await d('demo.load', { seed: 7, endDate: '2026-10-31', days: 7 }));
  const clients = ok(await d('clients.list', {})).items;
  const [client, other] = [clients[0]!, clients[1]!];
  const plans = ok(await d('plans.list', {}));
  const plan = ok(await d('plans.get', { id: plans[0]!.id }));
  const subscription = ok(await d('subscriptions.list', { clientId: client.id }))[0]!;
  const providers = ok(await d('providers.list', {}));
  const provider = providers.find((p) => p.kind !== 'file') ?? providers[0]!;

  // a file account, a mapped sub-account, a saved mapping, and one import job
  const fileProvider = ok(await d('providers.create', { kind: 'file', name: 'Bad-input calls', currency: 'USD' }));
  const mapping = ok(await d('mappings.create', { providerAccountId: fileProvider.id, clientKey: 'sub_account:AC1', clientId: client.id })).mapping;
  const importMapping = ok(await d('importMappings.save', { name: 'Calls', providerAccountId: fileProvider.id, mapping: CSV_MAPPING })) as { id: number };
  const csvPath = path.join(filesDir, 'calls.csv');
  fs.writeFileSync(csvPath, 'id,sub,metric,qty,at,cost\nc1,AC1,call_seconds,60,2026-10-02T10:00:00Z,0.01\nc2,AC1,call_seconds,30,2026-10-03T10:00:00Z,0.02\n');
  const started = ok(await d('import.start', { file: { path: csvPath }, providerAccountId: fileProvider.id, mapping: CSV_MAPPING })) as { id: number };
  await settle(ctx);

  const metric = ok(await d('metrics.create', { key: 'bad_input_widgets', name: 'Widgets', unit: 'widget', aggregation: 'sum' }));

  // invoices: close October, issue two drafts, pay one, credit one; a manual line and a discount on a draft
  const run = ok(await d('invoices.closeStart', { period: '2026-10' }));
  await settle(ctx);
  const drafts = ok(await d('invoices.list', { status: 'draft' })).items;
  if (drafts.length < 3) throw new Error(`the bad-input world needs 3 drafts, the close made ${drafts.length}`);
  const issued = ok(await d('invoices.issue', { id: drafts[0]!.id, issueDate: '2026-11-02' }));
  const paid = ok(await d('invoices.issue', { id: drafts[1]!.id, issueDate: '2026-11-02' }));
  ok(await d('invoices.markPaid', { id: paid.id, date: '2026-11-10', method: 'bank_transfer' }));
  const credit = ok(await d('invoices.createCreditNote', { invoiceId: issued.id, reason: 'Goodwill', mode: 'full' }));
  const draft = drafts[2]!;
  const withLine = ok(await d('invoices.addLine', { invoiceId: draft.id, description: 'Setup', quantity: '1', unitPrice: '50.00' }));
  const line = withLine.draftLines.find((l) => l.description === 'Setup') ?? withLine.draftLines.at(-1)!;
  const withDiscount = ok(await d('invoices.addDiscount', { invoiceId: draft.id, description: 'Loyalty', kind: 'percent', value: '5' }));
  const discount = withDiscount.draftDiscounts.at(-1)!;
  const exportJob = ok(await d('exports.start', { period: '2026-10', outDir: path.join(filesDir, 'export'), includeDrafts: true }));
  await settle(ctx);

  // account controls
  ok(await d('wallet.topUp', { clientId: client.id, amount: '100', date: '2026-11-01', reference: 'wire' }));
  const license = ok(await d('licenses.grant', { clientId: client.id, kind: 'days', quantity: '3', period: '2026-11', remark: 'Launch week' }));
  const pause = ok(await d('pauses.start', { clientId: other.id, startDate: '2026-12-01', reason: 'Holiday' }));
  ok(await d('limits.set', { clientId: client.id, metricKey: 'call_seconds', monthlyLimit: '1' }));
  ok(await d('alerts.evaluate', {}));
  const alert = ok(await d('alerts.list', {})).items[0];

  // Stripe: connected to the fake, one client linked (a queued customer creation)
  ok(await d('stripe.connect', { apiKey: FAKE_STRIPE_TEST_KEY, mode: 'record' }));
  ok(await d('stripe.createCustomer', { clientId: client.id }));
  const outbox = ok(await d('stripe.outbox', { status: 'all' })).items[0];

  const ids: WorldIds = {
    clientId: client.id,
    otherClientId: other.id,
    planId: plan.id,
    planVersion: plan.latest.version,
    subscriptionId: subscription.id,
    providerId: provider.id,
    fileProviderId: fileProvider.id,
    customMetricId: metric.id,
    mappingId: mapping.id,
    importMappingId: importMapping.id,
    ingestJobId: started.id,
    draftInvoiceId: draft.id,
    issuedInvoiceId: issued.id,
    paidInvoiceId: paid.id,
    creditNoteId: credit.id,
    lineId: line.id,
    discountId: discount.id,
    closeRunId: run.id,
    licenseId: license.id,
    pauseId: pause.id,
    outboxId: outbox?.id ?? 1,
    alertId: alert?.id ?? 1,
    csvPath,
    exportJobId: exportJob.jobId,
  };
  await ctx.close();
  return {
    dir,
    ids,
    stripe,
    dispose: async () => {
      await stripe.close();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** A private copy of the template, opened as a real AppContext. */
export async function openWorld(template: Template): Promise<World> {
  const dir = tempDir('mb-bad-input-copy-');
  fs.cpSync(template.dir, dir, { recursive: true });
  const ctx = await open(dir, template.stripe);
  // a throwaway copy: skip the fsync of every commit (the ledger's durability is not what this campaign tests)
  ctx.ledger.raw.pragma('synchronous = OFF');
  return {
    ctx,
    ids: template.ids,
    snapshot: () => ctx.ledger.raw.serialize(),
    settle: () => settle(ctx),
    dispose: async () => {
      await settle(ctx);
      await ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
