// Runs anywhere. Stripe sync as the contract sees it: the connection (never the key itself), customer links,
// the outbox of remote effects and the remote state of pushed invoices.
import { z } from 'zod';
import { id } from './fields';

/**
 * charge: Stripe charges the customer's default payment method when the invoice is finalized;
 * email: Stripe emails the invoice with a payment page (due per the invoice's terms);
 * record: the invoice is mirrored for the books only — the agency collects outside Stripe, and a payment
 * recorded in Meterbook is mirrored as "paid out of band".
 */
export const STRIPE_MODES = ['charge', 'email', 'record'] as const;
export type StripeMode = (typeof STRIPE_MODES)[number];
export const StripeModeSchema = z.enum(STRIPE_MODES, { error: 'Mode must be charge, email or record.' });

export const OUTBOX_KINDS = ['customer.create', 'customer.update', 'invoice.push', 'invoice.void', 'invoice.paid', 'credit_note.push', 'wallet.reload'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const StripeStatus = z.object({
  connected: z.boolean(),
  /** test or live, from the key */
  livemode: z.boolean().nullable(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  /** "sk_test_…4242": enough to recognise the key, never the key */
  keyHint: z.string().nullable(),
  mode: StripeModeSchema,
  connectedAt: z.string().nullable(),
  /** last time the outbox was drained / payment status polled (ISO) */
  lastSyncAt: z.string().nullable(),
  lastPollAt: z.string().nullable(),
  /** last connection problem (offline, key revoked), null when the last contact worked */
  lastError: z.string().nullable(),
  outbox: z.object({ pending: z.number().int(), failed: z.number().int(), sent: z.number().int() }),
});
export type StripeStatus = z.infer<typeof StripeStatus>;

export const StripeConnectInput = z
  .object({
    apiKey: z
      .string({ error: 'Paste a Stripe secret key (sk_…) or restricted key (rk_…).' })
      .trim()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/, { error: 'That is not a Stripe secret or restricted key: it starts with sk_test_, sk_live_, rk_test_ or rk_live_.' }),
    mode: StripeModeSchema.default('email'),
  })
  .strict();
export type StripeConnectInput = z.input<typeof StripeConnectInput>;

export const StripeTestResult = z.object({ ok: z.boolean(), message: z.string(), accountName: z.string().nullable(), livemode: z.boolean().nullable() });
export type StripeTestResult = z.infer<typeof StripeTestResult>;

export const StripeCustomerLink = z.object({
  clientId: z.number().int(),
  /** cus_…; null while its creation is queued or when not linked */
  customerId: z.string().nullable(),
  status: z.enum(['unlinked', 'pending', 'linked']),
  livemode: z.boolean().nullable(),
  linkedAt: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
});
export type StripeCustomerLink = z.infer<typeof StripeCustomerLink>;

export const StripeCustomerCandidate = z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable(), created: z.string(), linkedClientId: z.number().int().nullable() });
export type StripeCustomerCandidate = z.infer<typeof StripeCustomerCandidate>;

export const FindCustomersInput = z
  .object({
    clientId: id,
    /** default: the client's billing email */
    email: z.string().trim().email({ error: 'Enter an email address like billing@acme.com.' }).optional(),
  })
  .strict();

export const LinkCustomerInput = z
  .object({
    clientId: id,
    customerId: z.string().trim().regex(/^cus_[A-Za-z0-9]+$/, { error: 'A Stripe customer id looks like cus_Nf0r3x…' }),
  })
  .strict();

export const OutboxItem = z.object({
  id: z.number().int(),
  kind: z.enum(OUTBOX_KINDS),
  status: z.enum(OUTBOX_STATUSES),
  clientId: z.number().int(),
  clientName: z.string(),
  /** the local record it mirrors: client, invoice / credit note, or wallet action */
  subjectId: z.number().int(),
  /** human words: "Invoice INV-2026-00012 for Acme" */
  description: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  /** Stripe's own message for the last failure */
  lastError: z.string().nullable(),
  remoteId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxListInput = z
  .object({
    status: z.enum([...OUTBOX_STATUSES, 'all']).default('all'),
    clientId: id.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export const OutboxList = z.object({ items: z.array(OutboxItem), total: z.number().int() });

export const SyncNowResult = z.object({ sent: z.number().int(), failed: z.number().int(), pending: z.number().int(), paid: z.number().int(), message: z.string().nullable() });
export type SyncNowResult = z.infer<typeof SyncNowResult>;

export const RemoteInvoice = z.object({
  invoiceId: z.number().int(),
  remoteId: z.string().nullable(),
  remoteStatus: z.enum(['draft', 'open', 'paid', 'void', 'uncollectible']).nullable(),
  hostedUrl: z.string().nullable(),
  lastPolledAt: z.string().nullable(),
  /** the outbox item pushing it, while not sent */
  outbox: OutboxItem.nullable(),
});
export type RemoteInvoice = z.infer<typeof RemoteInvoice>;
