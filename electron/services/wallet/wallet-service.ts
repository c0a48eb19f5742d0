// Runs in main. Prepaid wallets: top-ups, corrections, invoice debits (exactly once per invoice), the
// auto-reload rule (recorded as a pending action until Stripe executes it) and low-balance alert state.
//
// The balance is never stored: it is the exact sum (dec_sum) of the client's movements, and every write is
// one transaction that reads the balance, appends one movement and, when a debit crosses the reload
// threshold, one pending action. A crash (kill -9) anywhere leaves either all of it or none of it.
import { sql, type Kysely, type Transaction } from 'kysely';
import { DateTime } from 'luxon';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { WalletAction, WalletMovement, WalletMovementResult, WalletRule, WalletView } from '../../../shared/domain/wallet';
import { Dec, dec, moneyText } from '../../../shared/money/decimal';
import type { Database } from '../../db/schema';
import { isUniqueViolation } from '../../db/sqlite-errors';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import type { StripeOutbox } from '../stripe/outbox';
import type { Clock } from '../clock';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../event-bus';
import { moneyInput, parseMoney } from './money-input';
import { crossesReloadThreshold } from './reload-rule';
import { walletAlertsFor, type WalletAlert, type WalletAlertState } from './wallet-alerts';

type Db = Kysely<Database> | Transaction<Database>;

/** Every table a wallet write may touch (for bus.changed). */
export const WALLET_TABLES = ['wallet_movements', 'wallet_actions', 'wallet_rules'] as const;

export interface DebitForInvoiceInput {
  clientId: number;
  invoiceId: number;
  /** decimal text in the client's currency, at most its minor digits, >= 0 */
  amountDue: string;
  /** must be the client's (wallet's) currency */
  currency: string;
  /** unique per invoice (e.g. "inv-<invoice id>"): a retry with the same key debits nothing more */
  idempotencyKey: string;
  /** the day of the debit (YYYY-MM-DD); defaults to today in the client's time zone */
  date?: string;
}

export interface DebitResult {
  /** money text, >= 0: what the wallet paid (min(balance, amountDue)) */
  applied: string;
  /** money text: amountDue - applied, what the invoice still asks for */
  remainingDue: string;
  /** the invoice_debit movement (recorded even when nothing was applied, so the debit happens once) */
  movementId: number;
  /** true when this key had already been debited: nothing was written this time */
  replayed: boolean;
}

type MovementRow = { id: number; client_id: number; kind: WalletMovement['kind']; amount: string; currency: string; occurred_on: string; reference: string | null; note: string | null; invoice_id: number | null; created_at: string };

const toMovement = (r: MovementRow): WalletMovement => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  amount: r.amount,
  currency: r.currency,
  occurredOn: r.occurred_on,
  reference: r.reference,
  note: r.note,
  invoiceId: r.invoice_id,
  createdAt: r.created_at,
});

const toAction = (r: { id: number; client_id: number; kind: 'auto_reload'; amount: string; currency: string; status: WalletAction['status']; movement_id: number | null; created_at: string; updated_at: string }): WalletAction => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  amount: r.amount,
  currency: r.currency,
  status: r.status,
  movementId: r.movement_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class WalletService {
  private readonly db: Kysely<Database>;
  private readonly clock: Clock;
  private readonly bus: EventBus;

  constructor(
    deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>,
    /** queues the Stripe charge of an auto reload in the same transaction (no-op while Stripe is not connected) */
    private readonly outbox?: StripeOutbox,
  ) {
    this.db = deps.ledger.db;
    this.clock = deps.clock;
    this.bus = deps.bus;
  }

  /** Balance, one page of movements (latest first), the rule and the pending actions of one client's wallet. */
  async get(input: ParsedInput<'wallet.get'>): Promise<WalletView> {
    const client = await this.client(this.db, input.clientId);
    const balance = await this.balance(this.db, client.id);
    const { total } = await this.db
      .selectFrom('wallet_movements')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('client_id', '=', client.id)
      .executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom('wallet_movements')
      .select(['id', 'client_id', 'kind', 'amount', 'currency', 'occurred_on', 'reference', 'note', 'invoice_id', 'created_at'])
      .where('client_id', '=', client.id)
      .orderBy('id', 'desc')
      .limit(input.limit)
      .offset(input.offset)
      .execute();
    const pending = await this.db
      .selectFrom('wallet_actions')
      .selectAll()
      .where('client_id', '=', client.id)
      .where('status', '=', 'pending')
      .orderBy('id')
      .execute();
    return {
      clientId: client.id,
      currency: client.currency,
      balance: moneyText(balance, client.currency),
      movements: rows.map(toMovement),
      total: Number(total),
      rule: await this.rule(this.db, client.id),
      pendingActions: pending.map(toAction),
    };
  }

  async topUp(input: ParsedInput<'wallet.topUp'>): Promise<WalletMovementResult> {
    const result = await this.db.transaction().execute(async (trx) => {
      const client = await this.writableClient(trx, input.clientId, 'Restore the client before topping up its wallet.');
      const amount = moneyInput(input.amount, client.currency, 'amount');
      this.assertDate(input.date, client.zone, 'date');
      const movement = await this.insertMovement(trx, {
        client_id: client.id,
        kind: 'top_up',
        amount,
        currency: client.currency,
        occurred_on: input.date,
        reference: input.reference,
        note: input.note,
        invoice_id: null,
        idempotency_key: null,
      });
      await writeAudit(trx, this.clock.now(), { action: 'wallet.top_up', entity: 'client', entityId: client.id, details: { movementId: movement.id, amount, currency: client.currency, date: input.date, reference: input.reference } });
      return { movement, balance: moneyText(await this.balance(trx, client.id), client.currency) };
    });
    this.bus.changed('wallet_movements');
    return result;
  }

  /** A correction: one new signed movement with its reason; never an edit of an existing movement. */
  async adjust(input: ParsedInput<'wallet.adjust'>): Promise<WalletMovementResult> {
    const result = await this.db.transaction().execute(async (trx) => {
      const client = await this.writableClient(trx, input.clientId, 'Restore the client before correcting its wallet.');
      const amount = moneyInput(input.amount, client.currency, 'amount');
      const before = await this.balance(trx, client.id);
      const after = before.plus(dec(amount));
      if (after.isNegative() && !after.isZero()) {
        throw new AppError('invalid_input', `This correction would make the balance negative (the balance is ${moneyText(before, client.currency)} ${client.currency}).`, { field: 'amount' });
      }
      const movement = await this.insertMovement(trx, {
        client_id: client.id,
        kind: 'adjustment',
        amount,
        currency: client.currency,
        occurred_on: this.today(client.zone),
        reference: null,
        note: input.reason,
        invoice_id: null,
        idempotency_key: null,
      });
      await this.evaluateReload(trx, client, movement.id, before, after);
      await writeAudit(trx, this.clock.now(), { action: 'wallet.adjust', entity: 'client', entityId: client.id, details: { movementId: movement.id, amount, currency: client.currency, reason: input.reason } });
      return { movement, balance: moneyText(after, client.currency) };
    });
    this.bus.changed(...WALLET_TABLES);
    return result;
  }

  async setRule(input: ParsedInput<'wallet.setRule'>): Promise<WalletRule> {
    const now = this.clock.now().toISOString();
    const rule = await this.db.transaction().execute(async (trx) => {
      const client = await this.writableClient(trx, input.clientId, 'Restore the client before changing its wallet rule.');
      const money = (v: string | null, field: string) => (v === null ? null : moneyInput(v, client.currency, field));
      const cols = {
        low_balance_threshold: money(input.lowBalanceThreshold, 'lowBalanceThreshold'),
        reload_threshold: money(input.reloadThreshold, 'reloadThreshold'),
        reload_amount: money(input.reloadAmount, 'reloadAmount'),
        enabled: input.enabled ? 1 : 0,
        updated_at: now,
      };
      await trx
        .insertInto('wallet_rules')
        .values({ client_id: client.id, ...cols })
        .onConflict((oc) => oc.column('client_id').doUpdateSet(cols))
        .execute();
      await writeAudit(trx, this.clock.now(), { action: 'wallet.set_rule', entity: 'client', entityId: client.id, details: { ...cols, updated_at: undefined } });
      return this.rule(trx, client.id);
    });
    this.bus.changed('wallet_rules');
    return rule;
  }

  async actions(input: ParsedInput<'wallet.actions'>): Promise<{ items: WalletAction[]; total: number }> {
    if (input.clientId !== undefined) await this.client(this.db, input.clientId);
    let q = this.db.selectFrom('wallet_actions');
    if (input.clientId !== undefined) q = q.where('client_id', '=', input.clientId);
    if (input.status !== undefined) q = q.where('status', '=', input.status);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('id', 'desc').limit(input.limit).offset(input.offset).execute();
    return { items: rows.map(toAction), total: Number(total) };
  }

  /**
   * Pays (part of) an invoice from the client's wallet: applies min(balance, amountDue), never taking the
   * balance below zero, exactly once per idempotency key — the key is UNIQUE on the movement, so a retry
   * after a crash returns the first result and writes nothing. Records an invoice_debit movement even when
   * nothing could be applied, and evaluates the auto-reload rule (at most one pending action per crossing).
   *
   * Pass `trx` to make the debit part of the caller's transaction (issuing the invoice); the caller then
   * commits and announces `bus.changed(...WALLET_TABLES)`.
   *
   * @example
   * const { applied, remainingDue } = await wallet.debitForInvoice({ clientId: 3, invoiceId: 42, amountDue: '120.00', currency: 'USD', idempotencyKey: 'inv-42' });
   */
  async debitForInvoice(input: DebitForInvoiceInput, trx?: Transaction<Database>): Promise<DebitResult> {
    if (trx) return this.debitIn(trx, input);
    const result = await this.db.transaction().execute((t) => this.debitIn(t, input));
    if (!result.replayed) this.bus.changed(...WALLET_TABLES);
    return result;
  }

  /** The client's balance (exact sum of movements), read inside the caller's transaction. */
  async balanceOf(clientId: number, trx?: Db): Promise<string> {
    const client = await this.client(trx ?? this.db, clientId);
    return moneyText(await this.balance(trx ?? this.db, clientId), client.currency);
  }

  /**
   * Gives money back to the prepaid balance for a document (a voided invoice's debit, a credit note's rest):
   * one 'refund' movement, exactly once per idempotency key, in the caller's transaction.
   */
  async creditForDocument(
    input: { clientId: number; invoiceId: number; amount: string; currency: string; idempotencyKey: string; date: string; reference: string; note: string },
    trx: Transaction<Database>,
  ): Promise<{ movementId: number; replayed: boolean }> {
    const client = await this.client(trx, input.clientId);
    if (input.currency !== client.currency) {
      throw new AppError('invalid_input', `The wallet of client ${client.id} is in ${client.currency}; the document is in ${input.currency}.`, { field: 'currency' });
    }
    const amount = parseMoney(input.amount, client.currency, 'amount');
    if (!amount.isPositive() || amount.isZero()) throw new AppError('invalid_input', 'A credit to the prepaid balance must be more than 0.', { field: 'amount' });
    const prior = await this.movementByKey(trx, input.idempotencyKey);
    if (prior) return { movementId: prior.id, replayed: true };
    const movement = await this.insertMovement(trx, {
      client_id: client.id,
      kind: 'refund',
      amount: moneyText(amount, client.currency),
      currency: client.currency,
      occurred_on: input.date,
      reference: input.reference,
      note: input.note,
      invoice_id: input.invoiceId,
      idempotency_key: input.idempotencyKey,
    });
    return { movementId: movement.id, replayed: false };
  }

  /** The data walletAlertsFor needs: every non-archived client that has a wallet rule. */
  async alertState(): Promise<WalletAlertState[]> {
    const rows = await this.db
      .selectFrom('wallet_rules as r')
      .innerJoin('clients as c', 'c.id', 'r.client_id')
      .select(['c.id as clientId', 'c.currency', 'r.low_balance_threshold', 'r.enabled'])
      .select(sql<string>`(select dec_sum(m.amount) from wallet_movements m where m.client_id = c.id)`.as('balance'))
      .where('c.archived_at', 'is', null)
      .orderBy('c.id')
      .execute();
    return rows.map((r) => ({
      clientId: r.clientId,
      currency: r.currency,
      balance: moneyText(dec(r.balance), r.currency),
      lowBalanceThreshold: r.low_balance_threshold,
      enabled: r.enabled === 1,
    }));
  }

  /** The low-balance alerts that should be open now (see walletAlertsFor). */
  async lowBalanceClients(): Promise<WalletAlert[]> {
    return walletAlertsFor(await this.alertState());
  }

  // ---- internals

  private async debitIn(trx: Transaction<Database>, input: DebitForInvoiceInput): Promise<DebitResult> {
    const client = await this.client(trx, input.clientId);
    if (input.currency !== client.currency) {
      throw new AppError('invalid_input', `The wallet of client ${client.id} is in ${client.currency}; the invoice is in ${input.currency}.`, { field: 'currency' });
    }
    const due = parseMoney(input.amountDue, client.currency, 'amountDue');
    if (due.isNegative() && !due.isZero()) throw new AppError('invalid_input', 'The amount due cannot be negative.', { field: 'amountDue' });
    const key = input.idempotencyKey.trim();
    if (key === '') throw new AppError('invalid_input', 'An idempotency key is required.', { field: 'idempotencyKey' });

    const prior = await this.movementByKey(trx, key);
    if (prior) return this.replay(prior, input, due, client.currency);

    const before = await this.balance(trx, client.id);
    const available = before.isNegative() ? new Dec(0) : before;
    const applied = Dec.min(available, due);
    let movement: WalletMovement;
    try {
      movement = await this.insertMovement(trx, {
        client_id: client.id,
        kind: 'invoice_debit',
        amount: moneyText(applied.negated(), client.currency).replace(/^-(?=[0.]*$)/, ''),
        currency: client.currency,
        occurred_on: input.date ?? this.today(client.zone),
        reference: `invoice ${input.invoiceId}`,
        note: `Amount due ${moneyText(due, client.currency)} ${client.currency}`,
        invoice_id: input.invoiceId,
        idempotency_key: key,
      });
    } catch (err) {
      // another connection debited this key between our read and our write
      if (isUniqueViolation(err)) {
        const raced = await this.movementByKey(trx, key);
        if (raced) return this.replay(raced, input, due, client.currency);
      }
      throw err;
    }
    const after = before.minus(applied);
    await this.evaluateReload(trx, client, movement.id, before, after);
    await writeAudit(trx, this.clock.now(), {
      actor: 'system',
      action: 'wallet.invoice_debit',
      entity: 'client',
      entityId: client.id,
      details: { movementId: movement.id, invoiceId: input.invoiceId, amountDue: moneyText(due, client.currency), applied: moneyText(applied, client.currency), idempotencyKey: key },
    });
    return { applied: moneyText(applied, client.currency), remainingDue: moneyText(due.minus(applied), client.currency), movementId: movement.id, replayed: false };
  }

  private replay(prior: MovementRow & { idempotency_key: string | null }, input: DebitForInvoiceInput, due: Dec, currency: string): DebitResult {
    if (prior.kind !== 'invoice_debit' || prior.client_id !== input.clientId || prior.invoice_id !== input.invoiceId) {
      throw new AppError('conflict', `The key "${input.idempotencyKey}" was already used for another wallet movement (${prior.id}).`, { field: 'idempotencyKey' });
    }
    const applied = dec(prior.amount).negated();
    return { applied: moneyText(applied, currency), remainingDue: moneyText(Dec.max(due.minus(applied), new Dec(0)), currency), movementId: prior.id, replayed: true };
  }

  /** Records one pending auto reload when this write crossed the reload threshold (and none is pending). */
  private async evaluateReload(trx: Transaction<Database>, client: { id: number; currency: string }, movementId: number, before: Dec, after: Dec): Promise<void> {
    const rule = await this.rule(trx, client.id);
    if (!crossesReloadThreshold(rule, before, after)) return;
    const open = await trx.selectFrom('wallet_actions').select('id').where('client_id', '=', client.id).where('kind', '=', 'auto_reload').where('status', '=', 'pending').executeTakeFirst();
    if (open) return;
    const now = this.clock.now().toISOString();
    const key = `auto_reload:${client.id}:${movementId}`;
    const action = await trx
      .insertInto('wallet_actions')
      .values({ client_id: client.id, kind: 'auto_reload', amount: rule.reloadAmount!, currency: client.currency, status: 'pending', idempotency_key: key, movement_id: movementId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.outbox?.enqueue(trx, { clientId: client.id, kind: 'wallet.reload', subjectId: action.id, payload: { amount: rule.reloadAmount, currency: client.currency } });
    await writeAudit(trx, this.clock.now(), { actor: 'system', action: 'wallet.auto_reload_pending', entity: 'client', entityId: client.id, details: { actionId: action.id, amount: rule.reloadAmount, threshold: rule.reloadThreshold, balance: moneyText(after, client.currency) } });
  }

  private async insertMovement(trx: Db, values: Omit<MovementRow, 'id' | 'created_at'> & { idempotency_key: string | null }): Promise<WalletMovement> {
    const row = await trx
      .insertInto('wallet_movements')
      .values({ ...values, created_at: this.clock.now().toISOString() })
      .returning(['id', 'client_id', 'kind', 'amount', 'currency', 'occurred_on', 'reference', 'note', 'invoice_id', 'created_at'])
      .executeTakeFirstOrThrow();
    return toMovement(row);
  }

  private movementByKey(db: Db, key: string) {
    return db
      .selectFrom('wallet_movements')
      .select(['id', 'client_id', 'kind', 'amount', 'currency', 'occurred_on', 'reference', 'note', 'invoice_id', 'created_at', 'idempotency_key'])
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  private async balance(db: Db, clientId: number): Promise<Dec> {
    const { total } = await db
      .selectFrom('wallet_movements')
      .select(sql<string>`dec_sum(amount)`.as('total'))
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow();
    return dec(total);
  }

  private async rule(db: Db, clientId: number): Promise<WalletRule> {
    const r = await db.selectFrom('wallet_rules').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    if (!r) return { clientId, lowBalanceThreshold: null, reloadThreshold: null, reloadAmount: null, enabled: false, updatedAt: null };
    return { clientId, lowBalanceThreshold: r.low_balance_threshold, reloadThreshold: r.reload_threshold, reloadAmount: r.reload_amount, enabled: r.enabled === 1, updatedAt: r.updated_at };
  }

  private async client(db: Db, id: number): Promise<{ id: number; currency: string; archived: boolean; zone: string }> {
    const row = await db
      .selectFrom('clients')
      .select(['id', 'currency', 'archived_at', 'time_zone'])
      .select((eb) => eb.selectFrom('agency').select('time_zone').where('id', '=', 1).as('agency_zone'))
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('Client', id);
    return { id: row.id, currency: row.currency, archived: row.archived_at !== null, zone: row.time_zone ?? row.agency_zone ?? 'UTC' };
  }

  private async writableClient(db: Db, id: number, archivedMessage: string) {
    const client = await this.client(db, id);
    if (client.archived) throw new AppError('conflict', archivedMessage, { field: 'clientId' });
    return client;
  }

  private today(zone: string): string {
    return DateTime.fromJSDate(this.clock.now(), { zone }).toISODate() ?? this.clock.now().toISOString().slice(0, 10);
  }

  private assertDate(date: string, zone: string, field: string): void {
    if (!DateTime.fromISO(date, { zone }).isValid) throw new AppError('invalid_input', `${date} is not a calendar date.`, { field });
    const today = this.today(zone);
    if (date > today) throw new AppError('invalid_input', `The date cannot be in the future (today is ${today}).`, { field });
  }
}
