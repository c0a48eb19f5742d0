// Crash campaign: the operations it kills. Each scenario builds its template workspace once (and the fake
// servers it needs), then hands every run the CLI arguments, how to see its progress (a count on the ledger,
// progress lines on stderr, Stripe requests that commit) and what a clean run must contain.
import fs from 'node:fs';
import path from 'node:path';
import { CALLS_HEADER, callRows, writeFile } from '../../../electron/services/import/test-support';
import { openStripeEnv } from '../../../electron/services/stripe/test-support';
import { startFakeGenericRest, startFakeVapi, type FakeGenericRest, type FakeVapi } from '../../fakes';
import { startFakeStripe, type FakeStripe, type FakeStripeState } from '../../fakes/fake-stripe';
import { startSlowProxy } from '../../helpers/slow-proxy';
import { tempDir } from '../../helpers/temp-context';
import { startKillProxy, type KillProxy, type KillRule } from '../../integration/helpers/kill-proxy';
import type { Fingerprint } from './invariants';
import { billingWorkspace, CALLS_MAPPING_NAME, importWorkspace, PERIOD, syncWorkspace } from './workspaces';

/** One workspace's connection to the outside for a series of runs (a fresh fake Stripe, say). */
export interface Session {
  env?: Record<string, string>;
  proxy?: KillProxy;
  /** the remote state the checker compares the ledger with */
  stripe?: FakeStripeState;
  close(): Promise<void>;
}

export interface Scenario {
  name: string;
  /** CLI arguments after --data-dir */
  args: string[];
  /** select ... : how far the operation got, as committed in the ledger (rows triggers, where a kill landed) */
  progressSql: string;
  /** stderr progress lines (line triggers) */
  progressLine?: RegExp;
  /** Stripe requests to kill right after they committed (commit triggers) */
  commitRules?: KillRule[];
  /** builds the template (once); returns its folder */
  template(): Promise<string>;
  session(dataDir: string): Promise<Session>;
  /** what the clean run must contain, beyond the invariants: the file's rows, what the fake servers served */
  checkClean?(clean: Fingerprint): string[];
  teardown(): Promise<void>;
}

const IMPORT_ROWS = 50_000;
const noSession = async (): Promise<Session> => ({ close: async () => undefined });

/** `meterbook import` of a 50,000-row CSV with a saved mapping. */
export function importScenario(): Scenario {
  const dir = tempDir('mb-crash-csv-');
  const rows = callRows(IMPORT_ROWS);
  const file = path.join(dir, 'calls.csv');
  const quantity = rows.reduce((n, r) => n + Number(r.split(',')[3]), 0);
  return {
    name: 'import',
    args: ['import', file, '--mapping', CALLS_MAPPING_NAME],
    progressSql: 'select count(*) from usage_events',
    progressLine: /^calls\.csv: [\d,]+ rows/,
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
    args: ['sync'],
    progressSql: 'select count(*) from usage_events',
    progressLine: /: .* \(\d+ fetched, \d+ new\)$/,
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
            config: {
              name: 'AgentClara',
              urlTemplate: `${rest.url}/v1/interactions?limit=250&from={from}&to={to}`,
              auth: { kind: 'header', header: 'Authorization', valueTemplate: 'Bearer {secret}' },
              paging: { style: 'cursor', cursorPath: 'meta.next_cursor', param: 'cursor' },
              recordsPath: 'data.items',
              fields: { id: 'uuid', clientKey: 'account.id', metric: 'kind', metricMap: { interaction: 'interactions', message: 'messages' }, quantity: 'units', timestamp: 'occurred_at', cost: 'billing.amount', currency: 'billing.currency' },
              backfillDays: 10,
            },
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
    args: ['close', '--period', PERIOD],
    progressSql: 'select coalesce((select done from close_runs order by id desc limit 1), 0)',
    progressLine: /^Closing \d{4}-\d\d: \d+ of/,
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
    args: ['issue', '--period', PERIOD],
    progressSql: `select count(*) from invoices where status <> 'draft'`,
    template: () => billingWorkspace({ clients, seed: 5, close: true }),
    session: noSession,
    checkClean: (clean) => (clean.invoices.issued === clients ? [] : [`the clean issue numbered ${clean.invoices.issued} of ${clients} drafts`]),
    teardown: async () => undefined,
  };
}

/**
 * `meterbook stripe sync` of a fresh outbox (customers, issued invoices, auto reloads) against a fresh fake
 * Stripe per workspace, behind the kill proxy (which also saves a card for each new customer, as a client would).
 */
export function stripeScenario(clients = 12): Scenario {
  return {
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
    async template() {
      const server = await startFakeStripe();
      try {
        return await billingWorkspace({
          clients,
          seed: 7,
          issue: true,
          stripe: async () => (await openStripeEnv({ server, now: new Date().toISOString() })).ctx,
        });
      } finally {
        await server.close();
      }
    },
    async session() {
      const server: FakeStripe = await startFakeStripe();
      const proxy = await startKillProxy(server.url, {
        onAnswer(req, status, body) {
          if (req.method === 'POST' && req.path === '/v1/customers' && status === 200) server.setDefaultPaymentMethod((JSON.parse(body.toString('utf8')) as { id: string }).id, 'pm_card_visa');
        },
      });
      return {
        env: { METERBOOK_STRIPE_ENDPOINT: proxy.url },
        proxy,
        stripe: server.state,
        close: async () => {
          await proxy.close();
          await server.close();
        },
      };
    },
    teardown: async () => undefined,
  };
}

export const SCENARIOS: Record<string, () => Scenario> = {
  import: importScenario,
  sync: syncScenario,
  close: closeScenario,
  issue: issueScenario,
  stripe: stripeScenario,
};
