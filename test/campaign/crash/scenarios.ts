// Crash campaign: the operations it kills. Each scenario builds its template workspace once (and the fake
// servers it needs), then hands every run the CLI arguments, how to see its progress (a count on the ledger,
// progress lines on stderr, Stripe requests that commit) and what a clean run must contain.
import fs from 'node:fs';
import path from 'node:path';
import type { CommandInput } from '../../../shared/contract/commands';
import { CALLS_HEADER, CALLS_MAPPING, callRows, writeFile } from '../../../electron/services/import/test-support';
import { openStripeEnv } from '../../../electron/services/stripe/test-support';
import { genericRestSettings, startFakeGenericRest, startFakeVapi, type FakeGenericRest, type FakeVapi } from '../../fakes';
import { startFakeStripe, type FakeStripe, type FakeStripeState } from '../../fakes/fake-stripe';
import { startSlowProxy } from '../../helpers/slow-proxy';
import { ok, tempDir, type TempContext } from '../../helpers/temp-context';
import { startKillProxy, type KillProxy, type KillRule } from '../../integration/helpers/kill-proxy';
import type { Fingerprint } from './invariants';
import { billingWorkspace, CALLS_MAPPING_NAME, importWorkspace, PERIOD, syncWorkspace } from './workspaces';

/** One workspace's connection to the outside for a series of runs (a fresh fake Stripe, say). */
export interface Session {
  env?: Record<string, string>;
  proxy?: KillProxy;
  /** the remote state the checker compares the ledger with */
  stripe?: FakeStripeState;
  /** after a killed run, before the restart (with the iteration's PRNG): e.g. let a day pass on the remote side */
  afterKill?(rng: { next(): number }): string | null;
  /** a day passed on the remote side after a kill (Stripe's idempotency keys expired) */
  keysExpired?(): boolean;
  close(): Promise<void>;
}

/** One operation: a CLI command run until it finishes, killed on the way. */
export interface Step {
  name: string;
  /** CLI arguments after --data-dir */
  args: string[];
  /** select ... : how far the operation got, as committed in the ledger (rows triggers, where a kill landed) */
  progressSql: string;
  /** stderr progress lines (line triggers) */
  progressLine?: RegExp;
  /** Stripe requests to kill right after they committed (commit triggers) */
  commitRules?: KillRule[];
}

export interface Scenario {
  name: string;
  /** one operation, or several in order on the same workspace (mixed) */
  steps: Step[];
  /** builds the template (once); returns its folder */
  template(): Promise<string>;
  session(dataDir: string): Promise<Session>;
  /** what the clean run must contain, beyond the invariants: the file's rows, what the fake servers served */
  checkClean?(clean: Fingerprint): string[];
  teardown(): Promise<void>;
}

const IMPORT_ROWS = 50_000;
const noSession = async (): Promise<Session> => ({ close: async () => undefined });

const importStep = (file: string): Step => ({
  name: 'import',
  args: ['import', file, '--mapping', CALLS_MAPPING_NAME],
  progressSql: 'select count(*) from usage_events',
  progressLine: new RegExp(`^${path.basename(file).replaceAll('.', '\\.')}: [\\d,]+ rows`),
});

const CLOSE_STEP: Step = {
  name: 'close',
  args: ['close', '--period', PERIOD],
  progressSql: 'select coalesce((select done from close_runs order by id desc limit 1), 0)',
  progressLine: /^Closing \d{4}-\d\d: \d+ of/,
};

const ISSUE_STEP: Step = { name: 'issue', args: ['issue', '--period', PERIOD], progressSql: `select count(*) from invoices where status <> 'draft'` };

const STRIPE_STEP: Step = {
  name: 'stripe',
  args: ['stripe', 'sync'],
  progressSql: `select count(*) from stripe_outbox where status = 'sent'`,
  commitRules: [
    { method: 'POST', path: /^\/v1\/customers$/ },
    { method: 'POST', path: /^\/v1\/invoices$/ },
    { method: 'POST', path: /^\/v1\/invoiceitems$/ },
    { method: 'POST', path: /^\/v1\/invoices\/[^/]+\/finalize$/ },
    { method: 'POST', path: /^\/v1\/invoices\/[^/]+\/send$/ },
    { method: 'POST', path: /^\/v1\/payment_intents$/ },
  ],
};

/** A fresh fake Stripe behind the kill proxy, which also saves a card for each new customer (as a client would). */
async function fakeStripeSession(): Promise<Session> {
  const server: FakeStripe = await startFakeStripe();
  const proxy = await startKillProxy(server.url, {
    onAnswer(req, status, body) {
      if (req.method === 'POST' && req.path === '/v1/customers' && status === 200) server.setDefaultPaymentMethod((JSON.parse(body.toString('utf8')) as { id: string }).id, 'pm_card_visa');
    },
  });
  let daysLater = 0;
  return {
    env: { METERBOOK_STRIPE_ENDPOINT: proxy.url },
    proxy,
    stripe: server.state,
    afterKill(rng) {
      if (rng.next() >= 0.3) return null;
      // Stripe forgets idempotency keys after 24 h: only the look-up by metadata prevents a second object then
      server.advanceTime(25 * 3600);
      daysLater += 1;
      return 'Stripe 25 h later';
    },
    keysExpired: () => daysLater > 0,
    close: async () => {
      await proxy.close();
      await server.close();
    },
  };
}

/** `meterbook import` of a 50,000-row CSV with a saved mapping. */
export function importScenario(): Scenario {
  const dir = tempDir('mb-crash-csv-');
  const rows = callRows(IMPORT_ROWS);
  const file = path.join(dir, 'calls.csv');
  const quantity = rows.reduce((n, r) => n + Number(r.split(',')[3]), 0);
  return {
    name: 'import',
    steps: [importStep(file)],
    async template() {
      writeFile(dir, 'calls.csv', [CALLS_HEADER, ...rows]);
      return importWorkspace();
    },
    session: noSession,
    checkClean: (clean) =>
      clean.events.count === IMPORT_ROWS && clean.events.quantity === quantity ? [] : [`the clean import holds ${clean.events.count} events (quantity ${clean.events.quantity}); the file has ${IMPORT_ROWS} (quantity ${quantity})`],
    teardown: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** `meterbook sync` of two API accounts with many pages: Vapi (time-window pages, slowed down) and a cursor-paged REST platform. */
export function syncScenario(): Scenario {
  let vapi: FakeVapi | undefined;
  let rest: FakeGenericRest | undefined;
  let slow: { url: string; close(): Promise<void> } | undefined;
  const day = 86_400_000;
  return {
    name: 'sync',
    steps: [{ name: 'sync', args: ['sync'], progressSql: 'select count(*) from usage_events', progressLine: /: .* \(\d+ fetched, \d+ new\)$/ }],
    async template() {
      // the CLI runs on the real clock: usage of the last days, inside each account's backfill window
      vapi = await startFakeVapi({ seed: 11, calls: 600, from: new Date(Date.now() - 3 * day).toISOString(), spacingMs: 20_000 });
      rest = await startFakeGenericRest({ seed: 12, records: 6000, from: new Date(Date.now() - 5 * day).toISOString(), spacingMs: 60_000 });
      slow = await startSlowProxy(vapi.url, 15);
      return syncWorkspace([
        {
          kind: 'vapi',
          name: 'Vapi',
          create: { kind: 'vapi', name: 'Vapi', currency: 'USD', credentials: { apiKey: vapi.apiKey }, config: { baseUrl: slow.url, pageSize: 20, backfillDays: 7 } },
          clientKeys: ['assistant:asst_alpha', 'assistant:asst_beta'],
        },
        {
          kind: 'generic_rest',
          name: 'AgentClara',
          create: {
            kind: 'generic_rest',
            name: 'AgentClara',
            currency: 'USD',
            credentials: { secret: rest.token, username: 'unused' },
            config: genericRestSettings(rest.url, { limit: 250, backfillDays: 10 }),
            syncEnabled: false,
          },
          clientKeys: ['client:client-1', 'client:client-2'],
        },
      ]);
    },
    session: noSession,
    checkClean(clean) {
      const served = vapi!.calls.filter((c) => c.endedAt).length + rest!.rows.length;
      return clean.events.count === served ? [] : [`the clean sync holds ${clean.events.count} events; the fake servers served ${served}`];
    },
    async teardown() {
      await slow?.close();
      await vapi?.close();
      await rest?.close();
    },
  };
}

/** `meterbook close`: one draft per client of a 120-client agency. */
export function closeScenario(clients = 120): Scenario {
  return {
    name: 'close',
    steps: [CLOSE_STEP],
    template: () => billingWorkspace({ clients, seed: 3 }),
    session: noSession,
    checkClean: (clean) => (clean.invoices.count === clients && clean.invoices.issued === 0 ? [] : [`the clean close made ${clean.invoices.count} invoices (${clean.invoices.issued} issued) for ${clients} clients`]),
    teardown: async () => undefined,
  };
}

/** `meterbook issue` of the drafts of a closed period: gapless numbers, snapshots, prepaid debits. */
export function issueScenario(clients = 90): Scenario {
  return {
    name: 'issue',
    steps: [ISSUE_STEP],
    template: () => billingWorkspace({ clients, seed: 5, close: true }),
    session: noSession,
    checkClean: (clean) => (clean.invoices.issued === clients ? [] : [`the clean issue numbered ${clean.invoices.issued} of ${clients} drafts`]),
    teardown: async () => undefined,
  };
}

/** `meterbook stripe sync` of a fresh outbox (customers, issued invoices, auto reloads) against a fresh fake Stripe per workspace. */
export function stripeScenario(clients = 12): Scenario {
  return {
    name: 'stripe',
    steps: [STRIPE_STEP],
    template: () => withTemplateStripe((stripe) => billingWorkspace({ clients, seed: 7, issue: true, stripe })),
    session: fakeStripeSession,
    teardown: async () => undefined,
  };
}

/** A fake Stripe only for building a template (stripe.connect checks the key against it). */
async function withTemplateStripe<T>(build: (open: () => Promise<TempContext>) => Promise<T>): Promise<T> {
  const server = await startFakeStripe();
  try {
    return await build(async () => (await openStripeEnv({ server, now: new Date().toISOString() })).ctx);
  } finally {
    await server.close();
  }
}

const MIXED_ROWS = 20_000;

/**
 * The month end in one workspace, each step killed 0-1 times then finished before the next: import a 20,000-row
 * CSV of October interactions for six of twelve Stripe-linked clients, close October, issue it, drain the outbox.
 */
export function mixedScenario(clients = 12): Scenario {
  const dir = tempDir('mb-crash-csv-');
  const file = path.join(dir, 'october.csv');
  const rows = Array.from({ length: MIXED_ROWS }, (_, i) => `m${i},AC${i % 6},interactions,${(i % 5) + 1},${new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString()},0.01`);
  let before = 0;
  return {
    name: 'mixed',
    steps: [importStep(file), CLOSE_STEP, ISSUE_STEP, STRIPE_STEP],
    template() {
      writeFile(dir, 'october.csv', [CALLS_HEADER, ...rows]);
      return withTemplateStripe((stripe) =>
        billingWorkspace({
          clients,
          seed: 9,
          stripe,
          async extra(ctx, clientIds) {
            const account = ok(await ctx.dispatch('providers.create', { kind: 'file', name: 'Calls', currency: 'USD' }));
            for (let k = 0; k < 6; k++) ok(await ctx.dispatch('mappings.create', { providerAccountId: account.id, clientKey: `sub_account:AC${k}`, clientId: clientIds[k]! }));
            ok(await ctx.dispatch('importMappings.save', { name: CALLS_MAPPING_NAME, providerAccountId: account.id, mapping: CALLS_MAPPING } as CommandInput<'importMappings.save'>));
            before = (ctx.ledger.raw.prepare('select count(*) n from usage_events').get() as { n: number }).n;
          },
        }),
      );
    },
    session: fakeStripeSession,
    checkClean: (clean) =>
      clean.events.count === before + MIXED_ROWS && clean.invoices.issued === clients ? [] : [`the clean month end holds ${clean.events.count} events and ${clean.invoices.issued} issued invoices; expected ${before + MIXED_ROWS} and ${clients}`],
    teardown: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export const SCENARIOS: Record<string, () => Scenario> = {
  import: importScenario,
  sync: syncScenario,
  close: closeScenario,
  issue: issueScenario,
  stripe: stripeScenario,
  mixed: mixedScenario,
};
