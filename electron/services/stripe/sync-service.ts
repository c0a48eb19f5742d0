// Runs in main. Stripe sync: drains the outbox (in order per client, idempotency keys derived from the row,
// look-up-before-create after a crash, backoff on network errors, 429 and 5xx) and polls payment status.
//
// Order: the next item sent is the oldest pending, due item whose client has no older pending or failed item,
// so a client's changes reach Stripe in the order they were made, a failed item holds back only its own
// client, and the other clients proceed. Each item's remote calls come first; its result (remote ids, wallet
// reload, status 'sent') is recorded in ONE local transaction afterwards. A crash in between leaves the item
// pending; the next drain looks the object up by metadata and records it instead of creating it again.
//
// Errors (classifyStripeError): retry (no answer, 409, 429, 5xx) -> still pending, attempts + 1, due again after
// backoffMs, and a 5xx raises the key generation (Stripe replays a stored 500 for 24 h); no answer at all also
// ends this drain (offline). auth -> the drain stops, status.lastError says the key was refused. permanent ->
// failed with Stripe's message, for the user to retry or cancel. One drain or poll at a time per process.
import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { OutboxItem, RemoteInvoice, SyncNowResult } from '../../../shared/domain/stripe';
import type { Database } from '../../db/schema';
import { isUniqueViolation } from '../../db/sqlite-errors';
import { classifyStripeError, invoicePaymentSummary, type ClassifiedStripeError } from '../../stripe/gateway';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';
import type { InvoiceServices } from '../invoices';
import { agencyZone } from '../pricing/zones';
import type { WalletServices } from '../wallet';
import type { OpenGateway, StripeConnectionService } from './connection-service';
import type { OutboxRow, StripeOutbox } from './outbox';
import { describeOutboxRows } from './outbox-items';
import { backoffMs, idempotencyKey } from './outbox-policy';
import { NothingToMirror, SENDERS, type SendContext, type SendOutcome } from './senders';

export interface StripeSyncDeps {
  connection: StripeConnectionService;
  outbox: StripeOutbox;
  invoices: InvoiceServices;
  wallet: WalletServices;
}

export interface DrainResult {
  sent: number;
  failed: number;
  /** cancelled because there was nothing to mirror */
  skipped: number;
  /** why the drain ended early: the key was refused, or Stripe could not be reached */
  stopped: 'auth' | 'offline' | null;
  message: string | null;
}

export interface PollResult {
  polled: number;
  paid: number;
  stopped: 'auth' | 'offline' | null;
  message: string | null;
}

export interface BackgroundOptions {
  /** how often pending work is looked for (default 30 s) */
  drainEveryMs?: number;
  /** how often payment status is polled (default 5 min) */
  pollEveryMs?: number;
}

const POLL_BATCH = 100;

export class StripeSyncService {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  private lastPollAt = 0;

  constructor(
    private readonly deps: AppContextDeps,
    private readonly others: StripeSyncDeps,
  ) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  // ---- the sync panel

  async list(input: ParsedInput<'stripe.outbox'>): Promise<{ items: OutboxItem[]; total: number }> {
    let q = this.db.selectFrom('stripe_outbox as o');
    if (input.status !== 'all') q = q.where('o.status', '=', input.status);
    if (input.clientId !== undefined) q = q.where('o.client_id', '=', input.clientId);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    // the queue in sending order; history newest first
    const direction = input.status === 'pending' || input.status === 'failed' ? 'asc' : 'desc';
    const rows = await q.selectAll('o').orderBy('o.id', direction).limit(input.limit).offset(input.offset).execute();
    return { items: await describeOutboxRows(this.db, rows), total: Number(total) };
  }

  /** A failed or cancelled item back to pending, due now, with a fresh key generation; a pending one: due now. */
  async retry(id: number): Promise<OutboxItem> {
    const open = await this.others.connection.open();
    if (!open) throw new AppError('conflict', 'Stripe is not connected: connect it in Settings → Stripe first.');
    await this.db.transaction().execute(async (trx) => {
      const row = await this.row(trx, id);
      if (row.status === 'sent') throw new AppError('conflict', 'This change was already sent to Stripe.');
      const now = this.deps.clock.now().toISOString();
      if (row.kind === 'wallet.reload') {
        try {
          await trx.updateTable('wallet_actions').set({ status: 'pending', updated_at: now }).where('id', '=', row.subject_id).where('status', 'in', ['failed', 'cancelled']).execute();
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('conflict', 'Another automatic reload is pending for this client: cancel one of them.');
          throw err;
        }
      }
      if (row.kind === 'customer.create') {
        const link = await trx.selectFrom('stripe_customers').select('client_id').where('client_id', '=', row.client_id).executeTakeFirst();
        if (!link) await trx.insertInto('stripe_customers').values({ client_id: row.client_id, customer_id: null, livemode: open.settings.livemode ? 1 : 0, linked_at: now, last_synced_at: null }).execute();
      }
      const fresh = row.status !== 'pending';
      await trx
        .updateTable('stripe_outbox')
        .set({ status: 'pending', next_attempt_at: null, last_error: null, updated_at: now, ...(fresh ? { attempts: 0, key_generation: row.key_generation + 1 } : {}) })
        .where('id', '=', id)
        .execute();
      await writeAudit(trx, new Date(now), { action: 'stripe.retry', entity: 'stripe_outbox', entityId: id, details: { kind: row.kind, from: row.status } });
    });
    this.deps.bus.changed('stripe_outbox', 'stripe_customers', 'wallet_actions');
    return this.item(id);
  }

  /** Gives up on an item: nothing more is sent for it (a reload's action is cancelled, a pending link removed). */
  async cancel(id: number): Promise<OutboxItem> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.row(trx, id);
      if (row.status === 'sent') throw new AppError('conflict', 'This change was already sent to Stripe; it cannot be cancelled.');
      if (row.status === 'cancelled') return;
      const now = this.deps.clock.now().toISOString();
      await trx.updateTable('stripe_outbox').set({ status: 'cancelled', last_error: 'Cancelled by the user.', next_attempt_at: null, updated_at: now }).where('id', '=', id).execute();
      if (row.kind === 'wallet.reload') {
        await trx.updateTable('wallet_actions').set({ status: 'cancelled', updated_at: now }).where('id', '=', row.subject_id).where('status', 'in', ['pending', 'failed']).execute();
      }
      if (row.kind === 'customer.create') await trx.deleteFrom('stripe_customers').where('client_id', '=', row.client_id).where('customer_id', 'is', null).execute();
      await writeAudit(trx, new Date(now), { action: 'stripe.cancel', entity: 'stripe_outbox', entityId: id, details: { kind: row.kind, from: row.status } });
    });
    this.deps.bus.changed('stripe_outbox', 'stripe_customers', 'wallet_actions');
    return this.item(id);
  }

  async syncNow(): Promise<SyncNowResult> {
    const drained = await this.drain();
    const polled = drained.stopped ? null : await this.poll();
    const { n } = await this.db.selectFrom('stripe_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    return { sent: drained.sent, failed: drained.failed, pending: Number(n), paid: polled?.paid ?? 0, message: drained.message ?? polled?.message ?? null };
  }

  async invoice(invoiceId: number): Promise<RemoteInvoice> {
    const inv = await this.db.selectFrom('invoices').select('id').where('id', '=', invoiceId).executeTakeFirst();
    if (!inv) throw notFound('Invoice', invoiceId);
    const remote = await this.db.selectFrom('stripe_invoices').selectAll().where('invoice_id', '=', invoiceId).executeTakeFirst();
    const open = await this.db
      .selectFrom('stripe_outbox')
      .selectAll()
      .where('kind', 'in', ['invoice.push', 'credit_note.push'])
      .where('subject_id', '=', invoiceId)
      .where('status', 'in', ['pending', 'failed'])
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    const status = remote?.remote_status;
    return {
      invoiceId,
      remoteId: remote?.remote_id ?? null,
      remoteStatus: status === 'draft' || status === 'open' || status === 'paid' || status === 'void' || status === 'uncollectible' ? status : null,
      hostedUrl: remote?.hosted_url ?? null,
      lastPolledAt: remote?.last_polled_at ?? null,
      outbox: open.length > 0 ? (await describeOutboxRows(this.db, open))[0]! : null,
    };
  }

  // ---- sending

  /** Sends every due item (see the file comment for the order); one drain at a time. */
  drain(): Promise<DrainResult> {
    return this.exclusive(() => this.drainNow());
  }

  /** Reads the remote state of pushed invoices still issued here; marks paid the ones Stripe has as paid. */
  poll(): Promise<PollResult> {
    return this.exclusive(() => this.pollNow());
  }

  private async drainNow(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, failed: 0, skipped: 0, stopped: null, message: null };
    const open = await this.others.connection.open();
    if (!open) return { ...result, message: 'Stripe is not connected.' };
    const tried = new Set<number>();
    for (;;) {
      const row = await this.nextDue();
      if (!row || tried.has(row.id)) break;
      tried.add(row.id);
      const outcome = await this.sendOne(open, row);
      if (outcome === 'sent') result.sent += 1;
      else if (outcome === 'skipped') result.skipped += 1;
      else if (outcome === 'failed') result.failed += 1;
      else if (outcome !== 'retry') {
        result.stopped = outcome.stop;
        result.message = outcome.message;
        break;
      }
    }
    if (result.stopped === null) await this.others.connection.note({ lastSyncAt: this.deps.clock.now().toISOString(), lastError: null });
    return result;
  }

  /** The oldest pending, due item whose client has no older open (pending or failed) item. */
  private nextDue(): Promise<OutboxRow | undefined> {
    const now = this.deps.clock.now().toISOString();
    return this.db
      .selectFrom('stripe_outbox as o')
      .selectAll('o')
      .where('o.status', '=', 'pending')
      .where((eb) => eb.or([eb('o.next_attempt_at', 'is', null), eb('o.next_attempt_at', '<=', now)]))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('stripe_outbox as p').select('p.id').whereRef('p.client_id', '=', 'o.client_id').whereRef('p.id', '<', 'o.id').where('p.status', 'in', ['pending', 'failed']))),
      )
      .orderBy('o.id')
      .limit(1)
      .executeTakeFirst();
  }

  private async sendOne(open: OpenGateway, row: OutboxRow): Promise<'sent' | 'skipped' | 'failed' | 'retry' | { stop: 'auth' | 'offline'; message: string }> {
    const sender = SENDERS[row.kind];
    const ctx: SendContext = {
      row,
      gateway: open.gateway,
      settings: open.settings,
      deps: this.deps,
      invoices: this.others.invoices.invoices,
      key: (step) => idempotencyKey(row, step),
    };
    let outcome: SendOutcome;
    try {
      outcome = await sender.send(ctx);
    } catch (err) {
      if (err instanceof NothingToMirror) outcome = { kind: 'skipped', note: err.message };
      else return this.failure(open, row, err);
    }
    const now = this.deps.clock.now().toISOString();
    if (outcome.kind === 'skipped') {
      const note = outcome.note;
      await this.db.updateTable('stripe_outbox').set({ status: 'cancelled', last_error: `Nothing sent: ${note}`, next_attempt_at: null, updated_at: now }).where('id', '=', row.id).where('status', '!=', 'sent').execute();
      this.deps.bus.changed('stripe_outbox');
      return 'skipped';
    }
    const sent = outcome;
    await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('stripe_outbox').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
      if (current.status === 'sent') return; // another process recorded it first
      // recorded even when cancelled meanwhile: the remote effect happened
      await sent.ack?.(trx);
      await trx
        .updateTable('stripe_outbox')
        .set({ status: 'sent', sent_at: now, remote_id: sent.remoteId, last_error: null, next_attempt_at: null, updated_at: now })
        .where('id', '=', row.id)
        .execute();
    });
    this.deps.bus.changed('stripe_outbox', ...(sent.tables ?? []));
    sent.afterCommit?.();
    return 'sent';
  }

  private async failure(open: OpenGateway, row: OutboxRow, err: unknown): Promise<'failed' | 'retry' | { stop: 'auth' | 'offline'; message: string }> {
    const c = classify(err);
    const message = open.scrub(c.message);
    const now = this.deps.clock.now();
    if (c.kind === 'auth') {
      const note = `Stripe refused the key (${message}). Connect again with a valid key in Settings → Stripe.`;
      await this.db.updateTable('stripe_outbox').set({ last_error: message, updated_at: now.toISOString() }).where('id', '=', row.id).execute();
      await this.others.connection.note({ lastError: note });
      this.deps.bus.changed('stripe_outbox', 'settings');
      return { stop: 'auth', message: note };
    }
    if (c.kind === 'retry') {
      const attempts = row.attempts + 1;
      const serverError = c.status !== undefined && c.status >= 500;
      await this.db
        .updateTable('stripe_outbox')
        .set({
          attempts,
          next_attempt_at: new Date(now.getTime() + backoffMs(attempts, row.id)).toISOString(),
          last_error: message,
          // Stripe keeps a 500 under its key for 24 h: the next attempt needs a new key (after its look-up)
          ...(serverError ? { key_generation: row.key_generation + 1 } : {}),
          updated_at: now.toISOString(),
        })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .execute();
      this.deps.bus.changed('stripe_outbox');
      if (c.status === undefined) {
        const { n } = await this.db.selectFrom('stripe_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
        const note = `${unreachable(c)}; ${Number(n)} change${Number(n) === 1 ? '' : 's'} will be sent when Meterbook is online.`;
        await this.others.connection.note({ lastError: note });
        return { stop: 'offline', message: note };
      }
      return 'retry';
    }
    let announce: (() => void) | undefined;
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('stripe_outbox')
        .set({ status: 'failed', attempts: row.attempts + 1, last_error: message, next_attempt_at: null, updated_at: now.toISOString() })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return;
      announce = await SENDERS[row.kind].onFailed?.(trx, { row, deps: this.deps, message });
    });
    this.deps.bus.changed('stripe_outbox');
    announce?.();
    this.deps.logger.warn(`Stripe refused outbox item ${row.id} (${row.kind})`, { code: c.code ?? null, status: c.status ?? null });
    return 'failed';
  }

  // ---- payment status

  private async pollNow(): Promise<PollResult> {
    const result: PollResult = { polled: 0, paid: 0, stopped: null, message: null };
    const open = await this.others.connection.open();
    if (!open) return { ...result, message: 'Stripe is not connected.' };
    const rows = await this.db
      .selectFrom('stripe_invoices as s')
      .innerJoin('invoices as i', 'i.id', 's.invoice_id')
      .select(['s.invoice_id', 's.remote_id'])
      .where('i.kind', '=', 'invoice')
      .where('i.status', '=', 'issued')
      .orderBy(sql`coalesce(s.last_polled_at, '')`)
      .orderBy('s.invoice_id')
      .limit(POLL_BATCH)
      .execute();
    const zone = await agencyZone(this.db);
    for (const r of rows) {
      let remote;
      try {
        remote = await open.gateway.retrieveInvoice(r.remote_id);
      } catch (err) {
        const c = classify(err);
        const message = open.scrub(c.message);
        if (c.kind === 'auth' || (c.kind === 'retry' && c.status === undefined)) {
          const note = c.kind === 'auth' ? `Stripe refused the key (${message}). Connect again with a valid key in Settings → Stripe.` : `${unreachable(c)}; payment status will be read when Meterbook is online.`;
          await this.others.connection.note({ lastError: note });
          return { ...result, stopped: c.kind === 'auth' ? 'auth' : 'offline', message: note };
        }
        this.deps.logger.warn(`Could not read the Stripe invoice of invoice ${r.invoice_id}`, { code: c.code ?? null, status: c.status ?? null });
        continue;
      }
      result.polled += 1;
      const now = this.deps.clock.now();
      // the remote status first: a crash before markPaid leaves the invoice issued, so the next poll marks it
      await this.db
        .updateTable('stripe_invoices')
        .set({ remote_status: remote.status ?? null, hosted_url: remote.hosted_invoice_url ?? null, last_polled_at: now.toISOString() })
        .where('invoice_id', '=', r.invoice_id)
        .execute();
      if (remote.status !== 'paid') continue;
      const payment = invoicePaymentSummary(remote);
      const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
      const paidOn = payment.paidAt === null ? today : DateTime.fromSeconds(payment.paidAt, { zone }).toISODate()!;
      try {
        await this.others.invoices.invoices.markPaid({
          id: r.invoice_id,
          date: paidOn > today ? today : paidOn,
          method: 'stripe',
          reference: payment.chargeId ?? payment.paymentIntentId ?? remote.id,
        });
        result.paid += 1;
      } catch (err) {
        // paid or voided here meanwhile: the local record stands
        if (!(err instanceof AppError)) throw err;
        this.deps.logger.warn(`Invoice ${r.invoice_id} is paid in Stripe but could not be marked paid here`, { error: err.message });
      }
    }
    this.deps.bus.changed('stripe_invoices');
    await this.others.connection.note({ lastPollAt: this.deps.clock.now().toISOString(), lastError: null });
    return result;
  }

  // ---- background

  /** Drains when there is due work (every ~30 s) and polls payment status (every ~5 min) while connected. */
  startBackground(options: BackgroundOptions = {}): void {
    if (this.timer) return;
    const drainEvery = options.drainEveryMs ?? 30_000;
    const pollEvery = options.pollEveryMs ?? 300_000;
    const tick = () => {
      if (this.ticking) return;
      this.ticking = this.tick(pollEvery)
        .catch((err: unknown) => this.deps.logger.warn('Stripe sync failed', { error: err instanceof Error ? err.message : String(err) }))
        .finally(() => (this.ticking = null));
    };
    this.timer = setInterval(tick, drainEvery);
    this.timer.unref();
    // once soon after start: what a crash or a closed laptop left pending
    setTimeout(tick, 2_000).unref();
  }

  async stopBackground(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.queue.catch(() => undefined);
  }

  private async tick(pollEvery: number): Promise<void> {
    if (!this.timer) return;
    if (!(await this.others.connection.open())) return;
    const now = this.deps.clock.now().toISOString();
    const due = await this.db
      .selectFrom('stripe_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .limit(1)
      .executeTakeFirst();
    const drained = due ? await this.drain() : null;
    if (drained?.stopped || Date.now() - this.lastPollAt < pollEvery) return;
    this.lastPollAt = Date.now();
    await this.poll();
  }

  // ---- internals

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async row(db: Kysely<Database>, id: number): Promise<OutboxRow> {
    const row = await db.selectFrom('stripe_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Outbox item', id);
    return row;
  }

  private async item(id: number): Promise<OutboxItem> {
    return (await describeOutboxRows(this.db, [await this.row(this.db, id)]))[0]!;
  }
}

const unreachable = (c: ClassifiedStripeError) => (c.code === 'timeout' ? 'Stripe did not answer in time' : 'Stripe cannot be reached');

/** classifyStripeError, plus SQLite's "busy" (another process holds the write lock) as a passing condition. */
function classify(err: unknown): ClassifiedStripeError {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return { kind: 'retry', code: 'busy', status: 0, message: 'The ledger was busy; Meterbook will try again.' };
  return classifyStripeError(err);
}
