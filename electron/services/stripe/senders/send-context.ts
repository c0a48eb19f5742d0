// Runs in main. What every outbox sender gets and gives back. A sender makes the remote calls of one item
// (looking its object up by metadata before creating it) and returns how to record the result locally; the
// sync service runs that `ack` and marks the item sent in ONE transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import type { StripeGateway } from '../../../stripe/gateway';
import type { AppContextDeps } from '../../app-deps';
import type { InvoicesService } from '../../invoices/invoices-service';
import type { OutboxRow, StoredStripeSettings } from '../outbox';

export interface SendContext {
  row: OutboxRow;
  gateway: StripeGateway;
  settings: StoredStripeSettings;
  deps: AppContextDeps;
  invoices: InvoicesService;
  /** this item's idempotency key for one step ("create", "item-line-0", "finalize"...) */
  key(step: string): string;
}

export type SendOutcome =
  /** the remote effect exists: `ack` records it locally in the transaction that marks the item sent */
  | { kind: 'sent'; remoteId: string | null; ack?: (trx: Transaction<Database>) => Promise<void>; tables?: readonly string[]; afterCommit?: () => void }
  /** nothing to mirror (the invoice was never pushed, the client was unlinked): the item is cancelled with this note */
  | { kind: 'skipped'; note: string };

export interface OutboxSender {
  send(ctx: SendContext): Promise<SendOutcome>;
  /**
   * Local effects of a permanent failure (a declined reload), in the transaction that marks the item failed.
   * Returns what to announce once that transaction committed.
   */
  onFailed?(trx: Transaction<Database>, input: { row: OutboxRow; deps: AppContextDeps; message: string }): Promise<(() => void) | undefined>;
}

/** Thrown by a sender when there is nothing left to mirror; becomes a 'skipped' outcome. */
export class NothingToMirror extends Error {
  override readonly name = 'NothingToMirror';
}

/** The Stripe customer of a client, or NothingToMirror when it is not linked (or its creation never happened). */
export async function linkedCustomer(db: Kysely<Database>, clientId: number): Promise<string> {
  const link = await db.selectFrom('stripe_customers').select('customer_id').where('client_id', '=', clientId).executeTakeFirst();
  if (!link) throw new NothingToMirror('The client is no longer linked to a Stripe customer.');
  if (link.customer_id === null) throw new NothingToMirror("The client's Stripe customer was never created (its creation was cancelled).");
  return link.customer_id;
}

/** The remote invoice id of a pushed Meterbook invoice, from the local record or else by metadata. */
export async function remoteInvoiceId(ctx: SendContext, invoiceId: number): Promise<string | null> {
  const row = await ctx.deps.ledger.db.selectFrom('stripe_invoices').select('remote_id').where('invoice_id', '=', invoiceId).executeTakeFirst();
  if (row) return row.remote_id;
  const customer = await linkedCustomer(ctx.deps.ledger.db, ctx.row.client_id);
  const found = await ctx.gateway.findInvoiceByMeterbookId(String(invoiceId), { customer });
  return found?.id ?? null;
}
