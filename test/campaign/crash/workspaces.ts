// Crash campaign: the seeded workspaces each scenario starts from. A template data folder is built once per
// scenario in-process (real AppContext, real ledger); every iteration runs on a copy of it, so iterations are
// independent and cheap to set up.
import fs from 'node:fs';
import path from 'node:path';
import type { CommandInput } from '../../../shared/contract/commands';
import { systemClock } from '../../../electron/services/clock';
import { CALLS_MAPPING, setUpAgency } from '../../../electron/services/import/test-support';
import { agentClaraResale, makeAccount, writeUsage } from '../../../electron/services/pricing/test-fixtures';
import { ok, openTempContext, tempDir, type TempContext } from '../../helpers/temp-context';
import { FAKE_STRIPE_TEST_KEY } from '../../fakes/fake-stripe';

/** The period every billing scenario closes and issues. */
export const PERIOD = '2026-10';
export const CALLS_MAPPING_NAME = 'Calls CSV';

/** Copies a closed template data folder (ledger, WAL if any, secret key) to a fresh folder. */
export function copyWorkspace(template: string, prefix = 'mb-crash-'): string {
  const dir = tempDir(prefix);
  for (const f of fs.readdirSync(template)) {
    const from = path.join(template, f);
    if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(dir, f));
  }
  return dir;
}

async function open(dir = tempDir('mb-crash-template-')): Promise<TempContext> {
  // the real clock: the CLI children run on it (issue dates, sync windows)
  return openTempContext({ dataDir: dir, clock: systemClock });
}

/** File account "Calls" with sub-accounts AC1/AC2 mapped to two clients, and the saved mapping "Calls CSV". */
export async function importWorkspace(): Promise<string> {
  const ctx = await open();
  const agency = await setUpAgency(ctx);
  ok(await ctx.dispatch('importMappings.save', { name: CALLS_MAPPING_NAME, providerAccountId: agency.accountId, mapping: CALLS_MAPPING } as CommandInput<'importMappings.save'>));
  await ctx.close();
  return ctx.dataDir;
}

export interface SyncAccountSpec {
  kind: 'vapi' | 'generic_rest';
  name: string;
  create: CommandInput<'providers.create'>;
  /** provider-side keys to map to a new client each (the rest stays unassigned) */
  clientKeys: string[];
}

/** Provider accounts with API connectors pointing at fake servers, some of their keys mapped to clients. */
export async function syncWorkspace(accounts: readonly SyncAccountSpec[]): Promise<string> {
  const ctx = await open();
  for (const a of accounts) {
    const account = ok(await ctx.dispatch('providers.create', a.create));
    for (const key of a.clientKeys) {
      const client = ok(await ctx.dispatch('clients.create', { name: `${a.name} ${key}`, currency: 'USD' }));
      ok(await ctx.dispatch('mappings.create', { providerAccountId: account.id, clientKey: key, clientId: client.id }));
    }
  }
  await ctx.close();
  return ctx.dataDir;
}

export interface BillingOptions {
  clients: number;
  /** deterministic variety (usage amounts, who has a prepaid balance) */
  seed: number;
  /**
   * a context whose Stripe endpoint is a fake Stripe (openStripeEnv): Stripe is connected first, every client
   * linked, so each issue queues outbox items, and every sixth client gets an auto-reload rule its debit crosses
   */
  stripe?: () => Promise<TempContext>;
  /** close the period (drafts) */
  close?: boolean;
  /** issue every draft (numbers, snapshots, debits, outbox items) */
  issue?: boolean;
  /** more set-up once the clients exist (before any close) */
  extra?: (ctx: TempContext, clientIds: number[]) => Promise<void>;
}

/**
 * An agency on UTC with `clients` clients on the AgentClara resale plan, October usage for each (over and under
 * the allowance), every third with a prepaid balance (some cover the invoice, some part of it), and with Stripe
 * every third of those with an auto-reload rule the debit crosses.
 */
export async function billingWorkspace(options: BillingOptions): Promise<string> {
  const ctx = options.stripe ? await options.stripe() : await open();
  ok(await ctx.dispatch('agency.save', { name: 'Crash Campaign Agency', currency: 'USD', timeZone: 'UTC' }));
  if (options.stripe) ok(await ctx.dispatch('stripe.connect', { apiKey: FAKE_STRIPE_TEST_KEY, mode: 'email' }));
  const account = await makeAccount(ctx, 'AgentClara');
  const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() }));
  const clientIds: number[] = [];
  for (let i = 0; i < options.clients; i++) {
    const name = `Client ${String((i * 37 + options.seed) % 1000).padStart(3, '0')}-${i}`;
    const client = ok(
      await ctx.dispatch('clients.create', { name, currency: 'USD', billingEmail: `billing${i}@client.test`, address: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' } }),
    ).id;
    clientIds.push(client);
    ok(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-09-01' }));
    const per = 40 + ((i * 53 + options.seed) % 90);
    writeUsage(ctx, account, Array.from({ length: 6 }, (_, k) => ({ client, metric: 'interactions', quantity: per * (k + 1), at: Date.parse('2026-10-05T10:00:00Z') + (i * 6 + k) * 60_000, cost: '0.35' })));
    if (i % 3 === 0) {
      ok(await ctx.dispatch('wallet.topUp', { clientId: client, amount: i % 2 === 0 ? '2000.00' : '300.00', date: '2026-10-20' }));
      if (options.stripe && i % 6 === 0) {
        ok(await ctx.dispatch('wallet.setRule', { clientId: client, lowBalanceThreshold: null, reloadThreshold: '1900.00', reloadAmount: '500.00', enabled: true }));
      }
    }
    if (options.stripe) ok(await ctx.dispatch('stripe.createCustomer', { clientId: client }));
  }
  await options.extra?.(ctx, clientIds);
  if (options.close || options.issue) {
    const run = ok(await ctx.dispatch('invoices.closeStart', { period: PERIOD }));
    const done = await ctx.services.invoices.close.wait(run.id);
    if (done.created !== options.clients) throw new Error(`template close drafted ${done.created} of ${options.clients} clients`);
  }
  if (options.issue) {
    const r = ok(await ctx.dispatch('invoices.issueBatch', { period: PERIOD }));
    if (r.failed.length > 0) throw new Error(`template issue failed: ${JSON.stringify(r.failed)}`);
  }
  await ctx.close();
  return ctx.dataDir;
}
