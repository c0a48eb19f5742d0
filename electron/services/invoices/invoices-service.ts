// Runs in main. Invoices and credit notes: drafts from rated statements, review edits, issue (gapless number,
// frozen snapshot, prepaid-balance debit), payment, void and credit notes.
//
// Crash safety: every state change is one SQLite transaction. Issuing takes the write lock first, then the
// next number of its sequence, writes the snapshot and the wallet debit, and commits all of it or none of it:
// a kill -9 anywhere leaves the draft a draft (no number used) or the invoice issued (number, snapshot, debit).
// Concurrent issuers (another window, the CLI) queue on the lock; the loser finds the document issued.
import { sql, type Kysely, type Transaction } from 'kysely';
import { DateTime } from 'luxon';
import type { ParsedInput } from '../../../shared/contract/commands';
import {
  InvoiceSnapshot,
  type DraftDiscount,
  type DraftLine,
  type InvoiceDetail,
  type InvoiceList,
  type InvoiceSummary,
  type IssueBatchResult,
  type SnapshotLine,
} from '../../../shared/domain/invoice';
import { formatDocumentNumber, sequenceKey } from '../../../shared/invoicing/numbering';
import { computeTotals, lineAmount, money, TotalsError } from '../../../shared/invoicing/totals';
import { Dec, dec } from '../../../shared/money/decimal';
import type { Database } from '../../db/schema';
import { isUniqueViolation } from '../../db/sqlite-errors';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';
import type { StatementsService } from '../pricing/statements-service';
import type { ClientStatement } from '../../../shared/domain/pricing';
import { agencyZone } from '../pricing/zones';
import type { WalletService } from '../wallet/wallet-service';
import type { StripeOutbox } from '../stripe/outbox';
import { loadClientBilling, type ClientBillingService } from './billing-service';
import { loadInvoiceSettings, type InvoiceSettingsService } from './settings-service';

type Db = Kysely<Database> | Transaction<Database>;
type InvoiceRow = Awaited<ReturnType<typeof selectInvoice>>;
export type DraftOutcome = 'created' | 'updated' | 'skipped';

/** Tables a document change may touch (for bus.changed). */
export const INVOICE_TABLES = ['invoices', 'invoice_lines', 'invoice_discounts', 'invoice_sequences', 'wallet_movements'] as const;

/** A document of a period for exports: its summary and the snapshot it renders from. */
export interface PeriodDocument {
  summary: InvoiceSummary;
  snapshot: InvoiceSnapshot;
}

export interface InvoicesServiceDeps {
  settings: InvoiceSettingsService;
  billing: ClientBillingService;
  statements: StatementsService;
  wallet: WalletService;
  /** queues the Stripe mirror of each lifecycle change in its transaction (no-op while Stripe is not connected) */
  outbox?: StripeOutbox;
}

const KIND_WORD = { invoice: 'invoice', credit_note: 'credit note' } as const;

/** Invoices with their client's name and what issued credit notes took off them: every read starts here. */
function invoiceRows(db: Db) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('clients as c', 'c.id', 'i.client_id')
    .selectAll('i')
    .select(['c.name as client_name'])
    .select(sql<string | null>`(select dec_sum(cn.total) from invoices cn where cn.credit_of = i.id and cn.status in ('issued', 'paid'))`.as('credited_sum'));
}

function selectInvoice(db: Db, id: number) {
  return invoiceRows(db).where('i.id', '=', id).executeTakeFirst();
}

const isZero = (s: string) => !/[1-9]/.test(s);
const neg = (s: string) => (isZero(s) ? s : s.startsWith('-') ? s.slice(1) : `-${s}`);

export class InvoicesService {
  constructor(
    private readonly deps: AppContextDeps,
    private readonly others: InvoicesServiceDeps,
  ) {}

  private get db() {
    return this.deps.ledger.db;
  }

  // ---- reading

  async list(input: ParsedInput<'invoices.list'>): Promise<InvoiceList> {
    const today = await this.today();
    let q = invoiceRows(this.db);
    if (input.status === 'overdue') q = q.where('i.status', '=', 'issued').where('i.kind', '=', 'invoice').where('i.due_date', '<', today);
    else if (input.status !== 'all') q = q.where('i.status', '=', input.status);
    if (input.kind !== 'all') q = q.where('i.kind', '=', input.kind);
    if (input.clientId !== undefined) q = q.where('i.client_id', '=', input.clientId);
    if (input.period !== undefined) q = q.where('i.period_label', '=', input.period);
    const rows = await q
      .orderBy(sql`i.issue_date is not null`)
      .orderBy('i.issue_date', 'desc')
      .orderBy('i.sequence_no', 'desc')
      .orderBy('i.id', 'desc')
      .execute();
    let summaries = rows.map((r) => this.summary(r, today));
    // overdue also needs something left to pay (a fully credited invoice is not overdue)
    if (input.status === 'overdue') summaries = summaries.filter((s) => s.overdue);
    const totals = new Map<string, { currency: string; count: number; total: Dec; balanceDue: Dec }>();
    for (const s of summaries) {
      const t = totals.get(s.currency) ?? { currency: s.currency, count: 0, total: new Dec(0), balanceDue: new Dec(0) };
      t.count += 1;
      t.total = t.total.plus(dec(s.total));
      t.balanceDue = t.balanceDue.plus(dec(s.balanceDue));
      totals.set(s.currency, t);
    }
    return {
      items: summaries.slice(input.offset, input.offset + input.limit),
      total: summaries.length,
      totals: [...totals.values()]
        .sort((a, b) => a.currency.localeCompare(b.currency))
        .map((t) => ({ currency: t.currency, count: t.count, total: money(t.total, t.currency), balanceDue: money(t.balanceDue, t.currency) })),
    };
  }

  async get(id: number): Promise<InvoiceDetail> {
    const row = await selectInvoice(this.db, id);
    if (!row) throw notFound('Invoice', id);
    const today = await this.today();
    const draft = row.status === 'draft';
    const { summary, snapshot } = await this.document(row, today);
    const lines = draft ? await this.draftLines(this.db, id) : [];
    const discounts = draft ? await this.draftDiscounts(this.db, id, snapshot) : [];
    const creditNotes = await this.db
      .selectFrom('invoices')
      .select(['id', 'number', 'status', 'total'])
      .where('credit_of', '=', id)
      .orderBy('id')
      .execute();
    const notes: string[] = draft && row.statement_notes ? (JSON.parse(row.statement_notes) as string[]) : [];
    return {
      ...summary,
      snapshot,
      draftLines: lines,
      draftDiscounts: discounts,
      payment: row.status === 'paid' && row.paid_on ? { date: row.paid_on, method: row.payment_method as NonNullable<InvoiceDetail['payment']>['method'], reference: row.payment_reference } : null,
      voidReason: row.void_reason,
      voidedAt: row.voided_at,
      creditNotes: creditNotes.map((c) => ({ id: c.id, number: c.number, status: c.status, total: c.total })),
      generatedAt: row.generated_at,
      notes,
    };
  }

  /** issued, paid and void documents of a period (and drafts when asked), invoices then credit notes, by number */
  async documentsForPeriod(period: string, options: { includeDrafts: boolean }): Promise<PeriodDocument[]> {
    const today = await this.today();
    let q = invoiceRows(this.db).where('i.period_label', '=', period);
    if (!options.includeDrafts) q = q.where('i.status', '<>', 'draft');
    const rows = await q.orderBy('i.kind').orderBy('i.sequence_key').orderBy('i.sequence_no').orderBy('c.name').orderBy('i.id').execute();
    const out: PeriodDocument[] = [];
    for (const row of rows) out.push(await this.document(row, today));
    return out;
  }

  /** The document and its summary: the frozen snapshot once issued; a draft's computed now, with its totals. */
  private async document(row: NonNullable<InvoiceRow>, today: string): Promise<PeriodDocument> {
    if (row.status !== 'draft') return { summary: this.summary(row, today), snapshot: this.frozen(row) };
    const snapshot = await this.buildSnapshot(this.db, row, null);
    const { total, paidFromBalance, amountDue } = snapshot.totals;
    return { summary: this.summary({ ...row, total, paid_from_balance: paidFromBalance, amount_due: amountDue }, today), snapshot };
  }

  // ---- drafts

  /** (regenerate, a single client) creates or refreshes the client's draft for the period; 'skipped' when it is issued already */
  async draftForClient(clientId: number, period: string, runId: number | null): Promise<DraftOutcome> {
    const statement = await this.others.statements.get({ clientId, period });
    const now = this.deps.clock.now().toISOString();
    const attempt = () => this.db.transaction().execute((trx) => this.draftIn(trx, statement, period, runId, now));
    let outcome: DraftOutcome;
    try {
      outcome = await attempt();
    } catch (err) {
      // another process created the draft between our read and insert: refresh that one instead
      if (!isUniqueViolation(err)) throw err;
      outcome = await attempt();
    }
    if (outcome !== 'skipped') this.deps.bus.changed(...INVOICE_TABLES);
    return outcome;
  }

  /**
   * (the period close) drafts several clients from statements rated in one batch, in ONE transaction — one commit,
   * one fsync, instead of one per client — each client in its own savepoint: a client whose draft fails with an
   * AppError is rolled back alone and its error returned in its place. `after` runs last in the same transaction
   * (the close records how far it got there, so progress and drafts commit together). The write lock is taken first,
   * so another process drafting the same period waits instead of racing.
   */
  async draftMany<T>(
    period: string,
    runId: number | null,
    statements: readonly ClientStatement[],
    after: (trx: Transaction<Database>, outcomes: Array<DraftOutcome | AppError>) => Promise<T>,
  ): Promise<{ outcomes: Array<DraftOutcome | AppError>; after: T }> {
    const now = this.deps.clock.now().toISOString();
    const result = await this.db.transaction().execute(async (trx) => {
      await this.lockForWrite(trx);
      const outcomes: Array<DraftOutcome | AppError> = [];
      for (const statement of statements) {
        await sql`savepoint draft_client`.execute(trx);
        try {
          outcomes.push(await this.draftIn(trx, statement, period, runId, now));
          await sql`release draft_client`.execute(trx);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          await sql`rollback to draft_client`.execute(trx);
          await sql`release draft_client`.execute(trx);
          outcomes.push(err);
        }
      }
      return { outcomes, after: await after(trx, outcomes) };
    });
    if (result.outcomes.some((o) => o !== 'skipped')) this.deps.bus.changed(...INVOICE_TABLES);
    return result;
  }

  /** Creates or refreshes one client's draft from its statement inside `trx`. */
  private async draftIn(trx: Transaction<Database>, statement: ClientStatement, period: string, runId: number | null, now: string): Promise<DraftOutcome> {
    const clientId = statement.clientId;
    const lines = statement.statement.lines.filter((l) => l.kind !== 'unbilled_cost');
    const zone = statement.period.zone;
    const localDay = (iso: string) => DateTime.fromISO(iso, { zone }).toISODate()!;
    const existing = await trx
      .selectFrom('invoices')
      .select(['id', 'status'])
      .where('client_id', '=', clientId)
      .where('period_label', '=', period)
      .where('kind', '=', 'invoice')
      .where('status', '<>', 'void')
      .executeTakeFirst();
    if (existing && existing.status !== 'draft') return 'skipped' as const;
    const common = {
      period_start: localDay(statement.period.start),
      period_end: localDay(statement.period.end),
      currency: statement.statement.currency,
      plan_name: statement.statement.planName,
      generated_at: now,
      statement_notes: JSON.stringify(statement.notes ?? []),
      updated_at: now,
    };
    let invoiceId: number;
    if (existing) {
      invoiceId = existing.id;
      await trx.updateTable('invoices').set(common).where('id', '=', invoiceId).execute();
      await trx.deleteFrom('invoice_lines').where('invoice_id', '=', invoiceId).where('source', '=', 'statement').execute();
    } else {
      const settings = await loadInvoiceSettings(trx);
      const inserted = await trx
        .insertInto('invoices')
        .values({ kind: 'invoice', status: 'draft', client_id: clientId, period_label: period, note: settings.defaultNote, close_run_id: runId, created_at: now, ...common })
        .returning('id')
        .executeTakeFirstOrThrow();
      invoiceId = inserted.id;
    }
    let position = 0;
    // one multi-row insert (a statement has a line per charge; one query instead of one per line)
    if (lines.length > 0) {
      await trx
        .insertInto('invoice_lines')
        .values(
          lines.map((l) => ({
            invoice_id: invoiceId,
            position: position++,
            source: 'statement' as const,
            kind: l.kind,
            description: l.description,
            metric_key: l.metricKey,
            quantity: l.quantity,
            unit: l.unit,
            unit_price: l.unitPrice,
            amount: l.amount,
            note: l.note,
          })),
        )
        .execute();
    }
    const manual = await trx.selectFrom('invoice_lines').select('id').where('invoice_id', '=', invoiceId).where('source', '=', 'manual').orderBy('position').execute();
    for (const m of manual) await trx.updateTable('invoice_lines').set({ position: position++ }).where('id', '=', m.id).execute();
    await this.refreshDraftTotals(trx, invoiceId);
    await writeAudit(trx, new Date(now), { action: existing ? 'invoice.regenerated' : 'invoice.drafted', entity: 'invoice', entityId: invoiceId, details: { clientId, period, lines: lines.length } });
    return existing ? ('updated' as const) : ('created' as const);
  }

  async regenerate(id: number): Promise<InvoiceDetail> {
    const row = await this.draftRow(this.db, id, 'regenerate');
    if (row.kind !== 'invoice' || row.period_label === null) throw new AppError('conflict', 'Only invoice drafts of a billing period can be regenerated.');
    await this.draftForClient(row.client_id, row.period_label, row.close_run_id);
    return this.get(id);
  }

  async addLine(input: ParsedInput<'invoices.addLine'>): Promise<InvoiceDetail> {
    return this.editDraft(input.invoiceId, 'invoice.line_added', async (trx, row) => {
      if (row.kind === 'credit_note') throw new AppError('conflict', 'Lines of a credit note come from its invoice: delete this draft and create the credit note again.');
      const amount = lineAmount(input.quantity, input.unitPrice, row.currency);
      const last = await trx.selectFrom('invoice_lines').select(sql<number>`coalesce(max(position), -1)`.as('p')).where('invoice_id', '=', row.id).executeTakeFirstOrThrow();
      await trx
        .insertInto('invoice_lines')
        .values({
          invoice_id: row.id,
          position: Number(last.p) + 1,
          source: 'manual',
          kind: 'manual',
          description: input.description,
          metric_key: null,
          quantity: input.quantity,
          unit: input.unit,
          unit_price: input.unitPrice,
          amount,
          note: input.note,
        })
        .execute();
      return { description: input.description, quantity: input.quantity, unitPrice: input.unitPrice, amount };
    });
  }

  async removeLine(input: ParsedInput<'invoices.removeLine'>): Promise<InvoiceDetail> {
    return this.editDraft(input.invoiceId, 'invoice.line_removed', async (trx, row) => {
      const line = await trx.selectFrom('invoice_lines').select(['id', 'source', 'description']).where('id', '=', input.lineId).where('invoice_id', '=', row.id).executeTakeFirst();
      if (!line) throw new AppError('not_found', `Line ${input.lineId} is not on this draft.`, { field: 'lineId' });
      if (line.source !== 'manual' || row.kind === 'credit_note') {
        throw new AppError('conflict', `"${line.description}" comes from the rated usage: change the plan or usage and regenerate, or add a manual line to correct it.`, { field: 'lineId' });
      }
      await trx.deleteFrom('invoice_lines').where('id', '=', line.id).execute();
      return { lineId: line.id, description: line.description };
    });
  }

  async addDiscount(input: ParsedInput<'invoices.addDiscount'>): Promise<InvoiceDetail> {
    return this.editDraft(input.invoiceId, 'invoice.discount_added', async (trx, row) => {
      if (row.kind === 'credit_note') throw new AppError('conflict', 'A credit note takes its discounts from its invoice.');
      if (input.kind === 'percent' && dec(input.value).gt(100)) throw new AppError('invalid_input', 'A percent discount can be at most 100.', { field: 'value' });
      if (input.kind === 'percent' && (input.value.split('.')[1] ?? '').length > 4) throw new AppError('invalid_input', 'A percent discount can have at most 4 decimals.', { field: 'value' });
      const last = await trx.selectFrom('invoice_discounts').select(sql<number>`coalesce(max(position), -1)`.as('p')).where('invoice_id', '=', row.id).executeTakeFirstOrThrow();
      await trx.insertInto('invoice_discounts').values({ invoice_id: row.id, position: Number(last.p) + 1, description: input.description, kind: input.kind, value: input.value }).execute();
      return { description: input.description, kind: input.kind, value: input.value };
    });
  }

  async removeDiscount(input: ParsedInput<'invoices.removeDiscount'>): Promise<InvoiceDetail> {
    return this.editDraft(input.invoiceId, 'invoice.discount_removed', async (trx, row) => {
      if (row.kind === 'credit_note') throw new AppError('conflict', 'A credit note takes its discounts from its invoice.');
      const removed = await trx.deleteFrom('invoice_discounts').where('id', '=', input.discountId).where('invoice_id', '=', row.id).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) throw new AppError('not_found', `Discount ${input.discountId} is not on this draft.`, { field: 'discountId' });
      return { discountId: input.discountId };
    });
  }

  async setNote(input: ParsedInput<'invoices.setNote'>): Promise<InvoiceDetail> {
    return this.editDraft(input.invoiceId, 'invoice.note_set', async (trx, row) => {
      await trx.updateTable('invoices').set({ note: input.note }).where('id', '=', row.id).execute();
      return { note: input.note };
    });
  }

  async deleteDraft(id: number): Promise<{ id: number }> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.draftRow(trx, id, 'delete');
      await trx.deleteFrom('invoices').where('id', '=', id).execute();
      await writeAudit(trx, this.deps.clock.now(), { action: 'invoice.draft_deleted', entity: 'invoice', entityId: id, details: { clientId: row.client_id, period: row.period_label, kind: row.kind } });
    });
    this.deps.bus.changed(...INVOICE_TABLES);
    return { id };
  }

  // ---- lifecycle

  async issue(input: ParsedInput<'invoices.issue'>): Promise<InvoiceDetail> {
    await this.issueOne(input.id, input.issueDate);
    this.deps.bus.changed(...INVOICE_TABLES);
    return this.get(input.id);
  }

  /** Issues every invoice draft of the period, by client name; each in its own transaction (re-runnable). */
  async issueBatch(input: ParsedInput<'invoices.issueBatch'>): Promise<IssueBatchResult> {
    const drafts = await this.db
      .selectFrom('invoices as i')
      .innerJoin('clients as c', 'c.id', 'i.client_id')
      .select(['i.id', 'c.name'])
      .where('i.period_label', '=', input.period)
      .where('i.kind', '=', 'invoice')
      .where('i.status', '=', 'draft')
      .orderBy('c.name')
      .orderBy('i.id')
      .execute();
    const result: IssueBatchResult = { issued: [], failed: [] };
    for (const d of drafts) {
      try {
        const number = await this.issueOne(d.id, input.issueDate);
        result.issued.push({ id: d.id, number, clientName: d.name });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        result.failed.push({ id: d.id, clientName: d.name, message: err.message });
      }
    }
    if (drafts.length > 0) this.deps.bus.changed(...INVOICE_TABLES);
    return result;
  }

  async markPaid(input: ParsedInput<'invoices.markPaid'>): Promise<InvoiceDetail> {
    const today = await this.today();
    await this.db.transaction().execute(async (trx) => {
      const row = await selectInvoice(trx, input.id);
      if (!row) throw notFound('Invoice', input.id);
      if (row.kind !== 'invoice') throw new AppError('conflict', 'A credit note is settled when it is issued; it cannot be marked paid.');
      if (row.status !== 'issued') throw new AppError('conflict', `${this.label(row)} is ${row.status}; only an issued invoice can be marked paid.`);
      if (input.date > today) throw new AppError('invalid_input', `The payment date cannot be in the future (today is ${today}).`, { field: 'date' });
      await trx
        .updateTable('invoices')
        .set({ status: 'paid', paid_on: input.date, payment_method: input.method, payment_reference: input.reference, updated_at: this.deps.clock.now().toISOString() })
        .where('id', '=', row.id)
        .execute();
      // a payment Stripe collected is already there; any other is mirrored as paid out of band
      if (input.method !== 'stripe') await this.others.outbox?.enqueue(trx, { clientId: row.client_id, kind: 'invoice.paid', subjectId: row.id });
      await writeAudit(trx, this.deps.clock.now(), { action: 'invoice.paid', entity: 'invoice', entityId: row.id, details: { number: row.number, date: input.date, method: input.method, reference: input.reference } });
    });
    this.deps.bus.changed('invoices');
    return this.get(input.id);
  }

  async void(input: ParsedInput<'invoices.void'>): Promise<InvoiceDetail> {
    const today = await this.today();
    await this.db.transaction().execute(async (trx) => {
      await this.lockForWrite(trx);
      const row = await selectInvoice(trx, input.id);
      if (!row) throw notFound('Invoice', input.id);
      if (row.status === 'draft') throw new AppError('conflict', 'A draft has no number yet: delete it instead of voiding it.');
      if (row.status === 'void') throw new AppError('conflict', `${this.label(row)} is already void.`);
      if (row.kind === 'credit_note') throw new AppError('conflict', 'An issued credit note cannot be voided: issue a new invoice for the amount instead.');
      if (row.status === 'paid') throw new AppError('conflict', `${this.label(row)} is paid: correct it with a credit note instead of voiding it.`);
      const credits = await trx.selectFrom('invoices').select(['id', 'number', 'status']).where('credit_of', '=', row.id).execute();
      const issuedCredit = credits.find((c) => c.status !== 'draft');
      if (issuedCredit) throw new AppError('conflict', `${this.label(row)} has credit note ${issuedCredit.number}: correct the rest with another credit note instead of voiding it.`);
      if (credits.length > 0) throw new AppError('conflict', `${this.label(row)} has a draft credit note: delete it first.`);
      if (!isZero(row.paid_from_balance)) {
        await this.others.wallet.creditForDocument(
          {
            clientId: row.client_id,
            invoiceId: row.id,
            amount: row.paid_from_balance,
            currency: row.currency,
            idempotencyKey: `void-invoice-${row.id}`,
            date: today,
            reference: `void ${row.number}`,
            note: `Invoice ${row.number} voided: ${input.reason}`,
          },
          trx,
        );
      }
      const now = this.deps.clock.now().toISOString();
      await trx.updateTable('invoices').set({ status: 'void', void_reason: input.reason, voided_at: now, updated_at: now }).where('id', '=', row.id).execute();
      await this.others.outbox?.enqueue(trx, { clientId: row.client_id, kind: 'invoice.void', subjectId: row.id });
      await writeAudit(trx, new Date(now), { action: 'invoice.voided', entity: 'invoice', entityId: row.id, details: { number: row.number, reason: input.reason, refundedToBalance: row.paid_from_balance } });
    });
    this.deps.bus.changed(...INVOICE_TABLES);
    return this.get(input.id);
  }

  /** A draft credit note: full (every line, discount and tax negated) or partial (amounts per line, before tax). */
  async createCreditNote(input: ParsedInput<'invoices.createCreditNote'>): Promise<InvoiceDetail> {
    const id = await this.db.transaction().execute(async (trx) => {
      const original = await selectInvoice(trx, input.invoiceId);
      if (!original) throw notFound('Invoice', input.invoiceId);
      if (original.kind !== 'invoice') throw new AppError('conflict', 'A credit note corrects an invoice, not another credit note.');
      if (original.status !== 'issued' && original.status !== 'paid') {
        throw new AppError('conflict', `${this.label(original)} is ${original.status}: only an issued or paid invoice can be credited.`);
      }
      const snap = this.frozen(original);
      const others = await trx.selectFrom('invoices').select(['id', 'status', 'credit_spec', 'total']).where('credit_of', '=', original.id).execute();
      if (others.some((o) => o.status === 'draft')) throw new AppError('conflict', `${this.label(original)} already has a draft credit note: issue or delete it first.`);
      const creditedByLine = new Map<number, Dec>();
      for (const o of others) {
        for (const s of JSON.parse(o.credit_spec ?? '[]') as Array<{ index: number; amount: string }>) creditedByLine.set(s.index, (creditedByLine.get(s.index) ?? new Dec(0)).plus(dec(s.amount)));
      }
      const currency = original.currency;
      let lines: SnapshotLine[];
      let discounts: Array<{ description: string; kind: 'fixed' | 'percent'; value: string }>;
      let spec: Array<{ index: number; amount: string }>;
      if (input.mode === 'full') {
        if (others.length > 0) throw new AppError('conflict', `${this.label(original)} is already partly credited: credit the rest with a partial credit note.`, { field: 'mode' });
        lines = snap.lines.map((l) => ({ ...l, amount: neg(l.amount), unitPrice: l.unitPrice === null ? null : neg(l.unitPrice) }));
        discounts = snap.discounts.map((d) => ({ description: d.description, kind: d.kind, value: d.value }));
        spec = snap.lines.map((l, index) => ({ index, amount: l.amount }));
      } else {
        const seen = new Set<number>();
        lines = [];
        spec = [];
        for (const [i, entry] of input.lines.entries()) {
          const field = `lines.${i}.amount`;
          const line = snap.lines[entry.index];
          if (!line) throw new AppError('invalid_input', `${this.label(original)} has no line ${entry.index + 1}.`, { field: `lines.${i}.index` });
          if (seen.has(entry.index)) throw new AppError('invalid_input', `Line ${entry.index + 1} is listed twice.`, { field: `lines.${i}.index` });
          seen.add(entry.index);
          const amount = dec(entry.amount);
          if (!dec(money(amount, currency)).eq(amount)) {
            throw new AppError('invalid_input', `The amount for line ${entry.index + 1} has more decimals than ${currency} allows.`, { field });
          }
          const left = dec(line.amount).minus(creditedByLine.get(entry.index) ?? 0);
          if (amount.gt(left)) {
            throw new AppError('invalid_input', `Line ${entry.index + 1} ("${line.description}") has ${money(Dec.max(left, 0), currency)} ${currency} left to credit; ${money(amount, currency)} is too much.`, { field });
          }
          const text = money(amount, currency);
          lines.push({ source: 'manual', kind: 'credit', description: `Credit: ${line.description}`, metricKey: line.metricKey, quantity: '1', unit: 'adjustment', unitPrice: neg(text), amount: neg(text), note: null });
          spec.push({ index: entry.index, amount: text });
        }
        // a percent discount of the invoice applies to the credited amounts too; fixed ones stay with the invoice
        discounts = snap.discounts.filter((d) => d.kind === 'percent').map((d) => ({ description: d.description, kind: d.kind, value: d.value }));
      }
      const now = this.deps.clock.now().toISOString();
      const inserted = await trx
        .insertInto('invoices')
        .values({
          kind: 'credit_note',
          status: 'draft',
          client_id: original.client_id,
          period_label: original.period_label,
          period_start: original.period_start,
          period_end: original.period_end,
          currency,
          plan_name: original.plan_name,
          credit_of: original.id,
          credit_reason: input.reason,
          credit_spec: JSON.stringify(spec),
          note: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [position, l] of lines.entries()) {
        await trx
          .insertInto('invoice_lines')
          .values({ invoice_id: inserted.id, position, source: l.source, kind: l.kind, description: l.description, metric_key: l.metricKey, quantity: l.quantity, unit: l.unit, unit_price: l.unitPrice, amount: l.amount, note: l.note })
          .execute();
      }
      for (const [position, d] of discounts.entries()) {
        await trx.insertInto('invoice_discounts').values({ invoice_id: inserted.id, position, ...d }).execute();
      }
      const totals = await this.refreshDraftTotals(trx, inserted.id);
      await this.assertCreditable(trx, original, totals.total);
      await writeAudit(trx, new Date(now), { action: 'credit_note.drafted', entity: 'invoice', entityId: inserted.id, details: { creditOf: original.number, mode: input.mode, reason: input.reason, spec } });
      return inserted.id;
    });
    this.deps.bus.changed(...INVOICE_TABLES);
    return this.get(id);
  }

  // ---- internals

  /** Issues one draft in one transaction; returns its number. */
  private async issueOne(id: number, issueDateInput: string | undefined): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockForWrite(trx);
      const row = await selectInvoice(trx, id);
      if (!row) throw notFound('Invoice', id);
      if (row.status !== 'draft') throw new AppError('conflict', `${this.label(row)} is already ${row.status}${row.number ? ` (${row.number})` : ''}.`);
      const settings = await loadInvoiceSettings(trx);
      const today = await this.today(trx);
      const issueDate = issueDateInput ?? today;
      if (issueDate > today) throw new AppError('invalid_input', `The issue date cannot be in the future (today is ${today}).`, { field: 'issueDate' });
      const lineCount = await trx.selectFrom('invoice_lines').select(sql<number>`count(*)`.as('n')).where('invoice_id', '=', id).executeTakeFirstOrThrow();
      if (Number(lineCount.n) === 0) throw new AppError('conflict', `The draft for ${row.client_name} has no lines: add a line or delete the draft.`);

      const key = sequenceKey(row.kind, settings.numberReset, issueDate);
      const latest = await trx.selectFrom('invoices').select(['number', 'issue_date']).where('sequence_key', '=', key).orderBy('sequence_no', 'desc').limit(1).executeTakeFirst();
      if (latest?.issue_date && latest.issue_date > issueDate) {
        throw new AppError('invalid_input', `${latest.number} is dated ${latest.issue_date}: a later number cannot carry an earlier date (${issueDate}).`, { field: 'issueDate' });
      }
      const seq = await trx
        .insertInto('invoice_sequences')
        .values({ key, last_no: 1 })
        .onConflict((oc) => oc.column('key').doUpdateSet({ last_no: sql`last_no + 1` }))
        .returning('last_no')
        .executeTakeFirstOrThrow();
      const number = formatDocumentNumber(row.kind === 'invoice' ? settings.invoiceNumberFormat : settings.creditNoteNumberFormat, issueDate, seq.last_no);
      const clash = await trx.selectFrom('invoices').select('id').where('kind', '=', row.kind).where('number', '=', number).executeTakeFirst();
      if (clash) throw new AppError('conflict', `The number ${number} is already used: change the number format in Settings → Invoices.`);

      const billing = await loadClientBilling(trx, row.client_id);
      const terms = row.kind === 'invoice' ? (billing.paymentTermsDays ?? settings.paymentTermsDays) : 0;
      const dueDate = DateTime.fromISO(issueDate, { zone: 'UTC' }).plus({ days: terms }).toISODate()!;
      let snapshot = await this.buildSnapshot(trx, row, { number, issueDate, dueDate });
      const totals = snapshot.totals;
      let status: 'issued' | 'paid' = 'issued';
      const payment: { paid_on: string | null; payment_method: string | null } = { paid_on: null, payment_method: null };

      if (row.kind === 'invoice') {
        if (dec(totals.total).isNegative()) throw new AppError('conflict', `The total of ${row.client_name}'s draft is negative (${totals.total} ${row.currency}): correct it, or issue a credit note instead.`);
        if (!isZero(totals.paidFromBalance)) {
          const debit = await this.others.wallet.debitForInvoice(
            { clientId: row.client_id, invoiceId: id, amountDue: totals.total, currency: row.currency, idempotencyKey: `invoice-${id}`, date: issueDate },
            trx,
          );
          if (debit.applied !== totals.paidFromBalance) throw new Error(`Wallet debit ${debit.applied} differs from the snapshot's ${totals.paidFromBalance}.`);
        }
        if (isZero(totals.amountDue) && !isZero(totals.total)) {
          status = 'paid';
          payment.paid_on = issueDate;
          payment.payment_method = 'prepaid_balance';
        }
      } else {
        const original = await selectInvoice(trx, row.credit_of!);
        if (!original || (original.status !== 'issued' && original.status !== 'paid')) {
          throw new AppError('conflict', `The invoice this credit note corrects is ${original?.status ?? 'missing'}: delete the credit note.`);
        }
        await this.assertCreditable(trx, original, totals.total, row.id);
        const credit = dec(totals.total).negated();
        const outstanding = original.status === 'issued' ? Dec.max(new Dec(0), dec(original.amount_due).plus(dec(original.credited_sum ?? '0'))) : new Dec(0);
        const applied = Dec.min(outstanding, credit);
        const rest = credit.minus(applied);
        if (rest.isPositive() && !rest.isZero()) {
          await this.others.wallet.creditForDocument(
            { clientId: row.client_id, invoiceId: id, amount: money(rest, row.currency), currency: row.currency, idempotencyKey: `credit-note-${id}`, date: issueDate, reference: number, note: `Credit note ${number} for ${original.number}` },
            trx,
          );
        }
        snapshot = { ...snapshot, settlement: { appliedToInvoice: money(applied, row.currency), creditedToBalance: money(rest, row.currency) } };
      }

      const now = this.deps.clock.now().toISOString();
      await trx
        .updateTable('invoices')
        .set({
          status,
          number,
          sequence_key: key,
          sequence_no: seq.last_no,
          issue_date: issueDate,
          due_date: dueDate,
          snapshot: JSON.stringify(InvoiceSnapshot.parse(snapshot)),
          total: totals.total,
          paid_from_balance: totals.paidFromBalance,
          amount_due: totals.amountDue,
          issued_at: now,
          updated_at: now,
          ...payment,
        })
        .where('id', '=', id)
        .execute();
      await this.others.outbox?.enqueue(trx, { clientId: row.client_id, kind: row.kind === 'invoice' ? 'invoice.push' : 'credit_note.push', subjectId: id });
      await writeAudit(trx, new Date(now), { action: `${row.kind}.issued`, entity: 'invoice', entityId: id, details: { number, issueDate, total: totals.total, paidFromBalance: totals.paidFromBalance } });
      return number;
    });
  }

  /**
   * Takes SQLite's write lock before anything is read, so the reads below see the latest commit and a
   * concurrent writer (another process) waits on busy_timeout instead of failing on a stale snapshot.
   */
  private async lockForWrite(trx: Transaction<Database>): Promise<void> {
    await sql`update invoice_sequences set last_no = last_no where key = ''`.execute(trx);
  }

  /** Credited so far (issued credit notes, and this draft) may not exceed the invoice total. */
  private async assertCreditable(trx: Transaction<Database>, original: NonNullable<InvoiceRow>, creditTotal: string, excludeId?: number) {
    let q = trx.selectFrom('invoices').select(sql<string | null>`dec_sum(total)`.as('s')).where('credit_of', '=', original.id).where('status', 'in', ['issued', 'paid']);
    if (excludeId !== undefined) q = q.where('id', '<>', excludeId);
    const { s } = await q.executeTakeFirstOrThrow();
    const already = dec(s ?? '0').negated();
    const credit = dec(creditTotal).negated();
    if (already.plus(credit).gt(dec(original.total))) {
      throw new AppError(
        'invalid_input',
        `${this.label(original)} totals ${original.total} ${original.currency} and ${money(already, original.currency)} is credited already: a credit of ${money(credit, original.currency)} is too much.`,
        { field: 'lines' },
      );
    }
  }

  private async editDraft(id: number, action: string, change: (trx: Transaction<Database>, row: NonNullable<InvoiceRow>) => Promise<Record<string, unknown>>): Promise<InvoiceDetail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.draftRow(trx, id, 'change');
      const details = await change(trx, row);
      await trx.updateTable('invoices').set({ updated_at: this.deps.clock.now().toISOString() }).where('id', '=', id).execute();
      await this.refreshDraftTotals(trx, id);
      await writeAudit(trx, this.deps.clock.now(), { action, entity: 'invoice', entityId: id, details });
    });
    this.deps.bus.changed(...INVOICE_TABLES);
    return this.get(id);
  }

  private async draftRow(db: Db, id: number, verb: string): Promise<NonNullable<InvoiceRow>> {
    const row = await selectInvoice(db, id);
    if (!row) throw notFound('Invoice', id);
    if (row.status !== 'draft') {
      throw new AppError('conflict', `${this.label(row)} is ${row.status}: an issued ${KIND_WORD[row.kind]} cannot ${verb === 'change' ? 'be changed' : `be ${verb === 'delete' ? 'deleted' : 'regenerated'}`}. Correct it with a credit note.`);
    }
    return row;
  }

  /** Recomputes a draft's totals (they are what lists show) and checks its discounts still fit. */
  private async refreshDraftTotals(trx: Transaction<Database>, id: number) {
    const row = await selectInvoice(trx, id);
    const snapshot = await this.buildSnapshot(trx, row!, null);
    await trx
      .updateTable('invoices')
      .set({ total: snapshot.totals.total, paid_from_balance: snapshot.totals.paidFromBalance, amount_due: snapshot.totals.amountDue })
      .where('id', '=', id)
      .execute();
    return snapshot.totals;
  }

  /** The document as it would be issued now (drafts), or as it is being issued (`issuing`). */
  private async buildSnapshot(db: Db, row: NonNullable<InvoiceRow>, issuing: { number: string; issueDate: string; dueDate: string } | null): Promise<InvoiceSnapshot> {
    const settings = await loadInvoiceSettings(db);
    const billing = await loadClientBilling(db, row.client_id);
    const agency = await db.selectFrom('agency').selectAll().where('id', '=', 1).executeTakeFirst();
    const client = await db.selectFrom('clients').selectAll().where('id', '=', row.client_id).executeTakeFirstOrThrow();
    const lines = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', row.id).orderBy('position').execute();
    const discounts = await db.selectFrom('invoice_discounts').selectAll().where('invoice_id', '=', row.id).orderBy('position').execute();
    const credit = row.kind === 'credit_note' ? await selectInvoice(db, row.credit_of!) : null;
    const creditSnap = credit ? this.frozen(credit) : null;
    const taxes = creditSnap ? creditSnap.taxes.map((t) => ({ name: t.name, rate: t.rate })) : billing.taxRates;
    const reverseChargeMention = creditSnap ? creditSnap.reverseChargeMention : billing.reverseCharge ? settings.reverseChargeMention : null;
    const walletBalance = row.kind === 'invoice' && billing.applyWallet ? await this.others.wallet.balanceOf(row.client_id, db) : null;
    let totals;
    try {
      totals = computeTotals(
        { currency: row.currency, lineAmounts: lines.map((l) => l.amount), discounts, taxes, reverseCharge: reverseChargeMention !== null, walletBalance },
        row.kind === 'credit_note' ? -1 : 1,
      );
    } catch (err) {
      if (err instanceof TotalsError) throw new AppError('invalid_input', err.message, { field: err.field });
      throw err;
    }
    const terms = row.kind === 'invoice' ? (billing.paymentTermsDays ?? settings.paymentTermsDays) : 0;
    return {
      schemaVersion: 1,
      kind: row.kind,
      number: issuing?.number ?? null,
      currency: row.currency,
      locale: agency?.locale ?? 'en-US',
      issueDate: issuing?.issueDate ?? null,
      dueDate: issuing?.dueDate ?? null,
      paymentTermsDays: terms,
      period: row.period_label && row.period_start && row.period_end ? { label: row.period_label, start: row.period_start, end: row.period_end } : null,
      agency: agency
        ? { name: agency.name, contactName: agency.contact_name, email: agency.email, phone: agency.phone, taxId: agency.tax_id, addressLines: addressLines(agency, agency.locale) }
        : { name: 'Agency', contactName: null, email: null, phone: null, taxId: null, addressLines: [] },
      client: { name: client.name, contactName: client.contact_name, email: client.billing_email, phone: client.phone, taxId: client.tax_id, addressLines: addressLines(client, agency?.locale ?? 'en-US') },
      branding: { accentColor: settings.accentColor, logo: settings.logo ? { sha256: settings.logo.sha256, mime: settings.logo.mime } : null },
      planName: row.plan_name,
      lines: lines.map((l) => ({ source: l.source, kind: l.kind, description: l.description, metricKey: l.metric_key, quantity: l.quantity, unit: l.unit, unitPrice: l.unit_price, amount: l.amount, note: l.note })),
      discounts: totals.discounts,
      taxes: totals.taxes,
      reverseChargeMention,
      totals: {
        subtotal: totals.subtotal,
        discountTotal: totals.discountTotal,
        net: totals.net,
        taxTotal: totals.taxTotal,
        total: totals.total,
        paidFromBalance: totals.paidFromBalance,
        amountDue: totals.amountDue,
      },
      notes: row.note,
      paymentInstructions: row.kind === 'invoice' ? settings.paymentInstructions : null,
      creditOf: credit && credit.number && credit.issue_date ? { invoiceId: credit.id, number: credit.number, issueDate: credit.issue_date } : null,
      creditReason: row.credit_reason,
    };
  }

  private frozen(row: NonNullable<InvoiceRow>): InvoiceSnapshot {
    if (row.snapshot === null) throw new Error(`Invoice ${row.id} (${row.status}) has no snapshot.`);
    return InvoiceSnapshot.parse(JSON.parse(row.snapshot));
  }

  private async draftLines(db: Db, id: number): Promise<DraftLine[]> {
    const rows = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', id).orderBy('position').execute();
    return rows.map((l) => ({ id: l.id, source: l.source, kind: l.kind, description: l.description, metricKey: l.metric_key, quantity: l.quantity, unit: l.unit, unitPrice: l.unit_price, amount: l.amount, note: l.note }));
  }

  private async draftDiscounts(db: Db, id: number, snapshot: InvoiceSnapshot): Promise<DraftDiscount[]> {
    const rows = await db.selectFrom('invoice_discounts').selectAll().where('invoice_id', '=', id).orderBy('position').execute();
    return rows.map((d, i) => ({ id: d.id, description: d.description, kind: d.kind, value: d.value, amount: snapshot.discounts[i]?.amount ?? '0' }));
  }

  private summary(r: NonNullable<InvoiceRow>, today: string): InvoiceSummary {
    const credited = dec(r.credited_sum ?? '0').abs();
    const balanceDue =
      r.kind !== 'invoice' || r.status === 'paid' || r.status === 'void' ? new Dec(0) : r.status === 'draft' ? dec(r.amount_due) : Dec.max(new Dec(0), dec(r.amount_due).minus(credited));
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      number: r.number,
      clientId: r.client_id,
      clientName: r.client_name,
      periodLabel: r.period_label,
      currency: r.currency,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      total: r.total,
      paidFromBalance: r.paid_from_balance,
      amountDue: r.amount_due,
      credited: money(credited, r.currency),
      balanceDue: money(balanceDue, r.currency),
      overdue: r.kind === 'invoice' && r.status === 'issued' && r.due_date !== null && r.due_date < today && balanceDue.isPositive() && !balanceDue.isZero(),
      paidOn: r.paid_on,
      creditOfId: r.credit_of,
      updatedAt: r.updated_at,
    };
  }

  private label(row: { kind: 'invoice' | 'credit_note'; number: string | null; id: number }): string {
    return row.number ? `${row.kind === 'invoice' ? 'Invoice' : 'Credit note'} ${row.number}` : `Draft ${KIND_WORD[row.kind]} ${row.id}`;
  }

  private async today(db: Db = this.db): Promise<string> {
    return DateTime.fromJSDate(this.deps.clock.now(), { zone: await agencyZone(db as Kysely<Database>) }).toISODate()!;
  }
}

/**
 * Postal address lines in the order the destination country writes them: "San Francisco, CA 94123" (US, CA,
 * AU), city then postcode on its own line (GB, IE), "10115 Berlin" elsewhere; the country by name.
 */
export function addressLines(
  row: { address_line1: string | null; address_line2: string | null; city: string | null; region: string | null; postal_code: string | null; country: string | null },
  locale = 'en-US',
): string[] {
  const join = (parts: Array<string | null>, sep: string) => parts.filter((p) => p !== null && p.trim() !== '').join(sep);
  const country = row.country?.toUpperCase() ?? null;
  let local: Array<string | null>;
  if (country === 'US' || country === 'CA' || country === 'AU') local = [join([row.city, join([row.region, row.postal_code], ' ')], ', ')];
  else if (country === 'GB' || country === 'IE') local = [row.city, row.region, row.postal_code];
  else local = [join([row.postal_code, row.city], ' '), row.region];
  let countryName: string | null = null;
  if (country) {
    try {
      countryName = new Intl.DisplayNames([locale], { type: 'region' }).of(country) ?? country;
    } catch {
      countryName = country;
    }
  }
  return [row.address_line1, row.address_line2, ...local, countryName].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
}
