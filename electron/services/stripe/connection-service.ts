// Runs in main. The Stripe connection: the sealed key, test/live, mode, "Test connection", and customer links.
//
// The key is checked against Stripe before anything is stored, then sealed with the app's SecretBox (like
// provider credentials); it never leaves this file except into the SDK client, and status, errors and logs
// only ever show its hint ("sk_test_…4242").
//
// Links belong to one Stripe account and mode: connecting another account, or switching between test and live,
// forgets the links and pushed-invoice records of the previous one (their ids mean nothing there) and cancels
// its open outbox items. Reconnecting the same account (a rotated key) keeps everything.
import type { Kysely, Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { StripeCustomerCandidate, StripeCustomerLink, StripeMode, StripeStatus, StripeTestResult } from '../../../shared/domain/stripe';
import type { Database } from '../../db/schema';
import { classifyStripeError, createStripeGateway, type StripeGateway } from '../../stripe/gateway';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';
import { loadStripeSettings, STRIPE_SETTINGS_KEY, updateStripeSettings, type StoredStripeSettings, type StripeOutbox } from './outbox';

/** settings key remembering which account and mode the links were made in (kept after a disconnect) */
const LINKS_ACCOUNT_KEY = 'stripe.linksAccount';
/** tables a connection change may touch (for bus.changed) */
export const STRIPE_TABLES = ['settings', 'stripe_customers', 'stripe_outbox', 'stripe_invoices'] as const;

/** "sk_test_…4242": the kind and mode of the key and its last 4 characters. */
export function stripeKeyHint(apiKey: string): string {
  const prefix = /^(sk|rk)_(test|live)_/.exec(apiKey)?.[0] ?? '';
  return `${prefix}…${apiKey.slice(-4)}`;
}

/** A message from Stripe or the SDK with the key (should it ever appear) replaced by its hint. */
export function scrubKey(message: string, apiKey: string): string {
  return apiKey.length > 0 ? message.split(apiKey).join(stripeKeyHint(apiKey)) : message;
}

export interface OpenGateway {
  gateway: StripeGateway;
  settings: StoredStripeSettings;
  /** for messages: never the key itself */
  scrub(message: string): string;
}

export class StripeConnectionService {
  constructor(
    private readonly deps: AppContextDeps,
    private readonly outbox: StripeOutbox,
  ) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  /** The SDK client over the stored key, or null when Stripe is not connected. */
  async open(): Promise<OpenGateway | null> {
    const settings = await loadStripeSettings(this.db);
    if (!settings) return null;
    const apiKey = this.deps.secrets.decrypt(Buffer.from(settings.sealedKey, 'base64'));
    return { gateway: this.gatewayFor(apiKey), settings, scrub: (m) => scrubKey(m, apiKey) };
  }

  async status(): Promise<StripeStatus> {
    const s = await loadStripeSettings(this.db);
    const counts = await this.db.selectFrom('stripe_outbox').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute();
    const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
    return {
      connected: s !== null,
      livemode: s?.livemode ?? null,
      accountId: s?.accountId ?? null,
      accountName: s?.accountName ?? null,
      keyHint: s?.keyHint ?? null,
      mode: s?.mode ?? 'email',
      connectedAt: s?.connectedAt ?? null,
      lastSyncAt: s?.lastSyncAt ?? null,
      lastPollAt: s?.lastPollAt ?? null,
      lastError: s?.lastError ?? null,
      outbox: { pending: count('pending'), failed: count('failed'), sent: count('sent') },
    };
  }

  async connect(input: ParsedInput<'stripe.connect'>): Promise<StripeStatus> {
    const apiKey = input.apiKey;
    let account;
    try {
      account = await this.gatewayFor(apiKey).account();
    } catch (err) {
      throw this.refusal(err, apiKey, 'check the key');
    }
    const now = this.deps.clock.now();
    const settings: StoredStripeSettings = {
      sealedKey: this.deps.secrets.encrypt(apiKey).toString('base64'),
      keyHint: stripeKeyHint(apiKey),
      livemode: account.livemode,
      accountId: account.id,
      accountName: account.displayName,
      mode: input.mode,
      connectedAt: now.toISOString(),
      lastSyncAt: null,
      lastPollAt: null,
      lastError: null,
    };
    await this.db.transaction().execute(async (trx) => {
      const previous = await trx.selectFrom('settings').select('value').where('key', '=', LINKS_ACCOUNT_KEY).executeTakeFirst();
      const before = previous ? (JSON.parse(previous.value) as { accountId: string | null; livemode: boolean }) : null;
      if (before && (before.accountId !== account.id || before.livemode !== account.livemode)) {
        await this.cancelOpen(trx, 'Cancelled: another Stripe account or mode was connected.');
        await trx.deleteFrom('stripe_invoices').execute();
        await trx.deleteFrom('stripe_customers').execute();
      }
      const at = now.toISOString();
      for (const [key, value] of [
        [STRIPE_SETTINGS_KEY, settings],
        [LINKS_ACCOUNT_KEY, { accountId: account.id, livemode: account.livemode }],
      ] as const) {
        await trx
          .insertInto('settings')
          .values({ key, value: JSON.stringify(value), updated_at: at })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
          .execute();
      }
      await writeAudit(trx, now, { action: 'stripe.connect', entity: 'stripe', entityId: account.id, details: { keyHint: settings.keyHint, livemode: account.livemode, mode: input.mode } });
    });
    this.deps.bus.changed(...STRIPE_TABLES);
    return this.status();
  }

  async setMode(mode: StripeMode): Promise<StripeStatus> {
    const changed = await this.db.transaction().execute((trx) => updateStripeSettings(trx, { mode }, this.deps.clock.now()));
    if (!changed) throw notConnected();
    this.deps.bus.changed('settings');
    return this.status();
  }

  async test(): Promise<StripeTestResult> {
    const open = await this.open();
    if (!open) return { ok: false, message: 'Stripe is not connected.', accountName: null, livemode: null };
    try {
      const a = await open.gateway.account();
      await this.note({ lastError: null, accountName: a.displayName });
      return { ok: true, message: `Connected to ${a.displayName ?? a.id} in ${a.livemode ? 'live' : 'test'} mode.`, accountName: a.displayName, livemode: a.livemode };
    } catch (err) {
      const c = classifyStripeError(err);
      const message = c.kind === 'auth' ? `Stripe refused the key (${open.scrub(c.message)}). Connect again with a valid key.` : open.scrub(c.message);
      await this.note({ lastError: message });
      return { ok: false, message, accountName: open.settings.accountName, livemode: open.settings.livemode };
    }
  }

  /** Forgets the key. Open outbox items are cancelled with a note; links stay (for a reconnect to the same account). */
  async disconnect(): Promise<StripeStatus> {
    await this.db.transaction().execute(async (trx) => {
      const had = await trx.deleteFrom('settings').where('key', '=', STRIPE_SETTINGS_KEY).executeTakeFirst();
      if (Number(had.numDeletedRows) === 0) return;
      await this.cancelOpen(trx, 'Cancelled: Stripe was disconnected. Reconnect, then press Retry to send it.');
      await writeAudit(trx, this.deps.clock.now(), { action: 'stripe.disconnect', entity: 'stripe' });
    });
    this.deps.bus.changed(...STRIPE_TABLES);
    return this.status();
  }

  async customerLink(clientId: number): Promise<StripeCustomerLink> {
    await this.client(clientId);
    return this.link(this.db, clientId);
  }

  async findCustomers(input: ParsedInput<'stripe.findCustomers'>): Promise<StripeCustomerCandidate[]> {
    const client = await this.client(input.clientId);
    const email = input.email ?? client.billing_email;
    if (!email) throw new AppError('invalid_input', 'This client has no billing email: enter the email to look for.', { field: 'email' });
    const open = await this.requireOpen();
    let found;
    try {
      found = await open.gateway.findCustomersByEmail(email);
    } catch (err) {
      throw this.refusal(err, null, 'search customers', open.scrub);
    }
    const links = found.length === 0 ? [] : await this.db.selectFrom('stripe_customers').select(['client_id', 'customer_id']).where('customer_id', 'in', found.map((c) => c.id)).execute();
    return found.map((c) => ({
      id: c.id,
      name: c.name ?? null,
      email: c.email ?? null,
      created: new Date(c.created * 1000).toISOString(),
      linkedClientId: links.find((l) => l.customer_id === c.id)?.client_id ?? null,
    }));
  }

  /** Links an existing Stripe customer (checked online) and queues sending the client's details to it. */
  async linkCustomer(input: ParsedInput<'stripe.linkCustomer'>): Promise<StripeCustomerLink> {
    await this.client(input.clientId);
    const open = await this.requireOpen();
    const current = await this.link(this.db, input.clientId);
    if (current.status === 'linked' && current.customerId === input.customerId) return current;
    if (current.status !== 'unlinked') throw alreadyLinked(current);
    let customer;
    try {
      customer = await open.gateway.retrieveCustomer(input.customerId);
    } catch (err) {
      throw this.refusal(err, null, 'look the customer up', open.scrub);
    }
    if (!customer) throw new AppError('not_found', `Stripe has no customer ${input.customerId} in this account (${open.settings.livemode ? 'live' : 'test'} mode).`, { field: 'customerId' });
    const link = await this.db.transaction().execute(async (trx) => {
      const other = await trx.selectFrom('stripe_customers as s').innerJoin('clients as c', 'c.id', 's.client_id').select(['c.id', 'c.name']).where('s.customer_id', '=', input.customerId).executeTakeFirst();
      if (other) throw new AppError('conflict', `Stripe customer ${input.customerId} is already linked to ${other.name} (client ${other.id}).`, { field: 'customerId' });
      const now = this.deps.clock.now();
      await trx.insertInto('stripe_customers').values({ client_id: input.clientId, customer_id: input.customerId, livemode: open.settings.livemode ? 1 : 0, linked_at: now.toISOString(), last_synced_at: null }).execute();
      await this.outbox.enqueue(trx, { clientId: input.clientId, kind: 'customer.update', subjectId: input.clientId });
      await writeAudit(trx, now, { action: 'stripe.link_customer', entity: 'client', entityId: input.clientId, details: { customerId: input.customerId } });
      return this.link(trx, input.clientId);
    });
    this.deps.bus.changed('stripe_customers', 'stripe_outbox');
    return link;
  }

  /** Queues the creation of the client's Stripe customer (pending until the outbox sends it). */
  async createCustomer(clientId: number): Promise<StripeCustomerLink> {
    await this.client(clientId);
    const open = await this.requireOpen();
    const link = await this.db.transaction().execute(async (trx) => {
      const current = await this.link(trx, clientId);
      if (current.status === 'pending') return current;
      if (current.status === 'linked') throw alreadyLinked(current);
      const now = this.deps.clock.now();
      await trx.insertInto('stripe_customers').values({ client_id: clientId, customer_id: null, livemode: open.settings.livemode ? 1 : 0, linked_at: now.toISOString(), last_synced_at: null }).execute();
      await this.outbox.enqueue(trx, { clientId, kind: 'customer.create', subjectId: clientId });
      await writeAudit(trx, now, { action: 'stripe.create_customer', entity: 'client', entityId: clientId });
      return this.link(trx, clientId);
    });
    this.deps.bus.changed('stripe_customers', 'stripe_outbox');
    return link;
  }

  /**
   * Forgets the link (the Stripe customer stays in Stripe). Refused while changes of this client wait in the
   * outbox: they need the link to be sent, so sync or cancel them first. Pushed invoices keep their records.
   */
  async unlinkCustomer(clientId: number): Promise<StripeCustomerLink> {
    await this.client(clientId);
    const link = await this.db.transaction().execute(async (trx) => {
      const open = await trx.selectFrom('stripe_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', clientId).where('status', 'in', ['pending', 'failed']).executeTakeFirstOrThrow();
      const n = Number(open.n);
      if (n > 0) {
        throw new AppError('conflict', `${n} Stripe change${n === 1 ? '' : 's'} of this client ${n === 1 ? 'is' : 'are'} still waiting: sync ${n === 1 ? 'it' : 'them'}, or cancel ${n === 1 ? 'it' : 'them'} in the sync panel, before unlinking.`);
      }
      const removed = await trx.deleteFrom('stripe_customers').where('client_id', '=', clientId).returning('customer_id').executeTakeFirst();
      if (removed) await writeAudit(trx, this.deps.clock.now(), { action: 'stripe.unlink_customer', entity: 'client', entityId: clientId, details: { customerId: removed.customer_id } });
      return this.link(trx, clientId);
    });
    this.deps.bus.changed('stripe_customers');
    return link;
  }

  /** Records the outcome of the last contact with Stripe (status.lastError, lastSyncAt...). */
  async note(change: Partial<StoredStripeSettings>): Promise<void> {
    await this.db.transaction().execute((trx) => updateStripeSettings(trx, change, this.deps.clock.now()));
  }

  // ---- internals

  private gatewayFor(apiKey: string): StripeGateway {
    return createStripeGateway({ apiKey, ...(this.deps.stripeEndpoint ?? {}) });
  }

  private async requireOpen(): Promise<OpenGateway> {
    const open = await this.open();
    if (!open) throw notConnected();
    return open;
  }

  private refusal(err: unknown, apiKey: string | null, what: string, scrub: (m: string) => string = (m) => (apiKey ? scrubKey(m, apiKey) : m)): AppError {
    const c = classifyStripeError(err);
    const message = scrub(c.message);
    if (c.kind === 'auth') return new AppError('invalid_input', `Stripe refused the key: ${message}`, { field: 'apiKey' });
    if (c.kind === 'retry') {
      return new AppError('conflict', c.status === undefined ? `Could not reach Stripe to ${what}: check the internet connection and try again.` : `Stripe could not ${what} right now (${message}); try again in a moment.`);
    }
    return new AppError('conflict', `Stripe: ${message}`);
  }

  private async cancelOpen(trx: Transaction<Database>, note: string): Promise<void> {
    await trx
      .updateTable('stripe_outbox')
      .set({ status: 'cancelled', last_error: note, next_attempt_at: null, updated_at: this.deps.clock.now().toISOString() })
      .where('status', 'in', ['pending', 'failed'])
      .execute();
  }

  private async client(id: number) {
    const row = await this.db.selectFrom('clients').select(['id', 'name', 'billing_email']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Client', id);
    return row;
  }

  private async link(db: Kysely<Database>, clientId: number): Promise<StripeCustomerLink> {
    const row = await db.selectFrom('stripe_customers').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    if (!row) return { clientId, customerId: null, status: 'unlinked', livemode: null, linkedAt: null, lastSyncedAt: null };
    return { clientId, customerId: row.customer_id, status: row.customer_id === null ? 'pending' : 'linked', livemode: row.livemode === 1, linkedAt: row.linked_at, lastSyncedAt: row.last_synced_at };
  }
}

const notConnected = () => new AppError('conflict', 'Stripe is not connected: connect it in Settings → Stripe first.');
const alreadyLinked = (link: StripeCustomerLink) =>
  new AppError('conflict', link.status === 'pending' ? 'A Stripe customer is already being created for this client.' : `This client is already linked to ${link.customerId}: unlink it first.`, { field: 'clientId' });
