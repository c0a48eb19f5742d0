// Test helper (Node only) for the Stripe services: a real AppContext over a temp SQLite file whose Stripe
// endpoint is the fake Stripe server on 127.0.0.1 (the real SDK talks to it), a clock the test moves, a
// logger that keeps every line (to prove the key never reaches it), and billed clients with issued invoices.
import fs from 'node:fs';
import { openAppContext, type AppContext } from '../app-context';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { FAKE_STRIPE_TEST_KEY, startFakeStripe, type FakeStripe } from '../../../test/fakes/fake-stripe';
import { ok, tempDir, type TempContext } from '../../../test/helpers/temp-context';
import { agentClaraResale, makeAccount, writeUsage } from '../pricing/test-fixtures';
import type { PlanDefinitionInput } from '../../../shared/pricing';
import type { StripeMode } from '../../../shared/domain/stripe';

export interface MovableClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function movableClock(iso: string): MovableClock {
  let at = Date.parse(iso);
  return { now: () => new Date(at), set: (s) => (at = Date.parse(s)), advance: (ms) => (at += ms) };
}

export interface StripeEnv {
  ctx: TempContext;
  server: FakeStripe;
  clock: MovableClock;
  /** every log line, with its metadata, as text */
  logs: string[];
  close(): Promise<void>;
}

export const NOW = '2026-11-03T12:00:00.000Z';

export async function openStripeEnv(options: { now?: string; server?: FakeStripe; dataDir?: string } = {}): Promise<StripeEnv> {
  const server = options.server ?? (await startFakeStripe());
  const dataDir = options.dataDir ?? tempDir('mb-stripe-');
  const clock = movableClock(options.now ?? NOW);
  const logs: string[] = [];
  const keep = (level: string) => (m: string, meta?: Record<string, unknown>) => void logs.push(`${level} ${m} ${meta ? JSON.stringify(meta) : ''}`);
  const logger: Logger = { info: keep('info'), warn: keep('warn'), error: keep('error') };
  const base: AppContext = await openAppContext({ dataDir, mode: 'cli', clock, logger, stripeEndpoint: server.clientOptions });
  const ctx: TempContext = Object.assign(Object.create(base) as AppContext, base, {
    dataDir,
    dispose: async () => {
      await base.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
  ok(await ctx.dispatch('agency.save', { name: 'Meterbook Test Agency', currency: 'USD', timeZone: 'UTC' }));
  return {
    ctx,
    server,
    clock,
    logs,
    close: async () => {
      await ctx.dispose();
      if (!options.server) await server.close();
    },
  };
}

export async function connectStripe(ctx: AppContext, mode: StripeMode = 'email', apiKey = FAKE_STRIPE_TEST_KEY) {
  return ok(await ctx.dispatch('stripe.connect', { apiKey, mode }));
}

let accounts = 0;

/**
 * A client on a plan with `used` interactions in October 2026 (AgentClara Resale unless `plan` is given), a
 * billing email unless null, and, with `balance`, a prepaid top-up.
 */
export async function billedClient(
  ctx: TempContext,
  name: string,
  options: { currency?: string; used?: number; email?: string | null; plan?: PlanDefinitionInput; balance?: string; taxRates?: { name: string; rate: string }[] } = {},
): Promise<number> {
  const currency = options.currency ?? 'USD';
  const email = options.email === undefined ? `billing@${name.toLowerCase().replace(/[^a-z]/g, '')}.test` : options.email;
  const account = await makeAccount(ctx, `${name} account ${++accounts}`, currency);
  const client = ok(await ctx.dispatch('clients.create', { name, currency, ...(email ? { billingEmail: email } : {}), address: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' } })).id;
  const plan = ok(await ctx.dispatch('plans.create', { definition: options.plan ?? agentClaraResale({ currency, name: `${name} plan` }) }));
  ok(await ctx.dispatch('subscriptions.assign', { clientId: client, planId: plan.id, startDate: '2026-09-01' }));
  const used = options.used ?? 1500;
  if (used > 0) writeUsage(ctx, account, Array.from({ length: used / 10 }, (_, i) => ({ client, metric: 'interactions', quantity: 10, at: Date.parse('2026-10-03T09:00:00Z') + i * 60_000 })));
  if (options.taxRates) ok(await ctx.dispatch('clientBilling.set', { clientId: client, taxRates: options.taxRates, paymentTermsDays: 14, reverseCharge: false }));
  if (options.balance) ok(await ctx.dispatch('wallet.topUp', { clientId: client, amount: options.balance, date: '2026-10-20' }));
  return client;
}

/** Closes October (drafts for every billable client) and issues this client's draft; returns the invoice. */
export async function issueOctober(ctx: TempContext, clientId: number) {
  const run = ok(await ctx.dispatch('invoices.closeStart', { period: '2026-10' }));
  await ctx.services.invoices.close.wait(run.id);
  const drafts = ok(await ctx.dispatch('invoices.list', { clientId, period: '2026-10', kind: 'invoice', status: 'draft' }));
  if (drafts.items.length !== 1) throw new Error(`expected one draft for client ${clientId}, got ${drafts.items.length}`);
  return ok(await ctx.dispatch('invoices.issue', { id: drafts.items[0]!.id }));
}

/** The outbox rows as stored, oldest first. */
export function outboxRows(ctx: AppContext): Array<{ id: number; client_id: number; kind: string; subject_id: number; status: string; attempts: number; key_generation: number; next_attempt_at: string | null; last_error: string | null; remote_id: string | null; sent_at: string | null }> {
  return ctx.ledger.raw.prepare('select * from stripe_outbox order by id').all() as never;
}

/** The customer id a client got in Stripe (after a drain). */
export function customerOf(ctx: AppContext, clientId: number): string | null {
  const row = ctx.ledger.raw.prepare('select customer_id from stripe_customers where client_id = ?').get(clientId) as { customer_id: string | null } | undefined;
  return row?.customer_id ?? null;
}
