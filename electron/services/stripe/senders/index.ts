// Runs in main. One sender per outbox kind.
import type { OutboxKind } from '../../../../shared/domain/stripe';
import { customerCreate, customerUpdate } from './customer-senders';
import { creditNotePush, invoicePaid, invoicePush, invoiceVoid } from './invoice-senders';
import type { OutboxSender } from './send-context';
import { walletReload } from './wallet-reload';

export const SENDERS: Record<OutboxKind, OutboxSender> = {
  'customer.create': customerCreate,
  'customer.update': customerUpdate,
  'invoice.push': invoicePush,
  'invoice.void': invoiceVoid,
  'invoice.paid': invoicePaid,
  'credit_note.push': creditNotePush,
  'wallet.reload': walletReload,
};

export { NothingToMirror, type OutboxSender, type SendContext, type SendOutcome } from './send-context';
