// Runs in main. Outbox rows as the sync panel shows them: the client's name and human words for what each
// item mirrors ("Invoice INV-2026-00012 for Acme").
import type { Kysely } from 'kysely';
import type { OutboxItem, OutboxKind } from '../../../shared/domain/stripe';
import type { Database } from '../../db/schema';
import type { OutboxRow } from './outbox';

const INVOICE_KINDS: readonly OutboxKind[] = ['invoice.push', 'invoice.void', 'invoice.paid', 'credit_note.push'];

/** Outbox rows as the sync panel shows them, with human words for what each mirrors. */
export async function describeOutboxRows(db: Kysely<Database>, rows: OutboxRow[]): Promise<OutboxItem[]> {
  if (rows.length === 0) return [];
  const clientIds = [...new Set(rows.map((r) => r.client_id))];
  const invoiceIds = rows.filter((r) => INVOICE_KINDS.includes(r.kind)).map((r) => r.subject_id);
  const actionIds = rows.filter((r) => r.kind === 'wallet.reload').map((r) => r.subject_id);
  const clients = new Map((await db.selectFrom('clients').select(['id', 'name']).where('id', 'in', clientIds).execute()).map((c) => [c.id, c.name]));
  const invoices = new Map(
    invoiceIds.length === 0 ? [] : (await db.selectFrom('invoices').select(['id', 'number']).where('id', 'in', invoiceIds).execute()).map((i) => [i.id, i.number ?? `draft ${i.id}`]),
  );
  const actions = new Map(
    actionIds.length === 0 ? [] : (await db.selectFrom('wallet_actions').select(['id', 'amount', 'currency']).where('id', 'in', actionIds).execute()).map((a) => [a.id, `${a.amount} ${a.currency}`]),
  );
  return rows.map((r) => {
    const client = clients.get(r.client_id) ?? `client ${r.client_id}`;
    const doc = invoices.get(r.subject_id) ?? `#${r.subject_id}`;
    const description: Record<OutboxKind, string> = {
      'customer.create': `Create the Stripe customer of ${client}`,
      'customer.update': `Update the Stripe customer of ${client}`,
      'invoice.push': `Invoice ${doc} for ${client}`,
      'invoice.void': `Void invoice ${doc} of ${client}`,
      'invoice.paid': `Mark invoice ${doc} of ${client} paid`,
      'credit_note.push': `Credit note ${doc} for ${client}`,
      'wallet.reload': `Charge ${client} ${actions.get(r.subject_id) ?? ''} for a prepaid balance reload`.replace('  ', ' '),
    };
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      clientId: r.client_id,
      clientName: client,
      subjectId: r.subject_id,
      description: description[r.kind],
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
      remoteId: r.remote_id,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    };
  });
}
