// Runs in main. The Stripe outbox's write side: every remote effect of a local change is queued here, in the
// SAME transaction as that change, so a crash can never leave an issued invoice without its push, or a push
// without its invoice. Nothing is queued while Stripe is not connected, or for a client that is not linked
// (an invoice of an unlinked client stays local; linking later does not back-fill old invoices).
// The sender (sync-service.ts with one sender per kind under senders/) reads the queue in id order per client.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { OutboxKind } from '../../../shared/domain/stripe';
import type { Database, StripeOutboxTable } from '../../db/schema';

export type OutboxRow = Selectable<StripeOutboxTable>;

type Db = Kysely<Database> | Transaction<Database>;

export const STRIPE_SETTINGS_KEY = 'stripe';

/** settings('stripe'): the connection. The key is sealed with the app's SecretBox (base64 of the sealed bytes). */
export interface StoredStripeSettings {
  sealedKey: string;
  keyHint: string;
  livemode: boolean;
  accountId: string | null;
  accountName: string | null;
  mode: 'charge' | 'email' | 'record';
  connectedAt: string;
  lastSyncAt: string | null;
  lastPollAt: string | null;
  lastError: string | null;
}

export async function loadStripeSettings(db: Db): Promise<StoredStripeSettings | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', STRIPE_SETTINGS_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as StoredStripeSettings) : null;
}

/** Changes settings('stripe') inside the caller's transaction (read, merge, write); no-op when not connected. */
export async function updateStripeSettings(trx: Transaction<Database>, change: Partial<StoredStripeSettings>, now: Date): Promise<StoredStripeSettings | null> {
  const current = await loadStripeSettings(trx);
  if (!current) return null;
  const next = { ...current, ...change };
  await trx.updateTable('settings').set({ value: JSON.stringify(next), updated_at: now.toISOString() }).where('key', '=', STRIPE_SETTINGS_KEY).execute();
  return next;
}

export interface EnqueueInput {
  clientId: number;
  kind: OutboxKind;
  /** clients.id (customer.*), invoices.id (invoice.*, credit_note.push) or wallet_actions.id (wallet.reload) */
  subjectId: number;
  payload?: Record<string, unknown>;
}

export class StripeOutbox {
  constructor(private readonly now: () => Date) {}

  /**
   * Queues a remote effect in the caller's transaction when it applies; returns the outbox row id, or null when
   * Stripe is not connected or the effect has nothing to mirror (unlinked client, invoice never pushed).
   */
  async enqueue(trx: Transaction<Database>, input: EnqueueInput): Promise<number | null> {
    const settings = await loadStripeSettings(trx);
    if (!settings) return null;
    if (!(await this.applies(trx, input))) return null;
    const at = this.now().toISOString();
    const row = await trx
      .insertInto('stripe_outbox')
      .values({
        client_id: input.clientId,
        kind: input.kind,
        subject_id: input.subjectId,
        status: 'pending',
        payload: input.payload ? JSON.stringify(input.payload) : null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  private async applies(trx: Transaction<Database>, input: EnqueueInput): Promise<boolean> {
    const link = await trx.selectFrom('stripe_customers').select(['client_id', 'customer_id']).where('client_id', '=', input.clientId).executeTakeFirst();
    if (!link) return false;
    // the connection service writes the pending link (customer_id null) in the same transaction
    if (input.kind === 'customer.create') return link.customer_id === null;
    if (input.kind === 'customer.update' || input.kind === 'invoice.push' || input.kind === 'wallet.reload') return true;
    if (input.kind === 'credit_note.push') {
      // a credit note is mirrored when the invoice it corrects was (or is queued to be) pushed
      const cn = await trx.selectFrom('invoices').select('credit_of').where('id', '=', input.subjectId).executeTakeFirst();
      return cn?.credit_of != null && (await this.pushed(trx, cn.credit_of));
    }
    return this.pushed(trx, input.subjectId);
  }

  private async pushed(trx: Transaction<Database>, invoiceId: number): Promise<boolean> {
    const remote = await trx.selectFrom('stripe_invoices').select('invoice_id').where('invoice_id', '=', invoiceId).executeTakeFirst();
    if (remote) return true;
    const queued = await trx
      .selectFrom('stripe_outbox')
      .select('id')
      .where('kind', '=', 'invoice.push')
      .where('subject_id', '=', invoiceId)
      .where('status', 'in', ['pending', 'sent', 'failed'])
      .executeTakeFirst();
    return queued !== undefined;
  }
}
