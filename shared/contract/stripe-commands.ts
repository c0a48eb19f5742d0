// Runs anywhere. Contract commands for Stripe sync: connection, customer links, the outbox and remote state.
import { z } from 'zod';
import { id } from '../domain/fields';
import {
  FindCustomersInput,
  LinkCustomerInput,
  OutboxItem,
  OutboxList,
  OutboxListInput,
  RemoteInvoice,
  StripeConnectInput,
  StripeCustomerCandidate,
  StripeCustomerLink,
  StripeModeSchema,
  StripeStatus,
  StripeTestResult,
  SyncNowResult,
} from '../domain/stripe';

const none = z.object({}).strict();
const byClient = z.object({ clientId: id }).strict();

export const stripeCommands = {
  'stripe.status': { input: none, output: StripeStatus },
  /** checks the key against Stripe, then stores it sealed (never returned) */
  'stripe.connect': { input: StripeConnectInput, output: StripeStatus },
  'stripe.setMode': { input: z.object({ mode: StripeModeSchema }).strict(), output: StripeStatus },
  /** "Test connection" with the stored key */
  'stripe.test': { input: none, output: StripeTestResult },
  /** forgets the key; pending outbox items are cancelled (they can be re-queued after reconnecting) */
  'stripe.disconnect': { input: none, output: StripeStatus },
  'stripe.customerLink': { input: byClient, output: StripeCustomerLink },
  /** existing Stripe customers with the client's email (online) */
  'stripe.findCustomers': { input: FindCustomersInput, output: z.array(StripeCustomerCandidate) },
  'stripe.linkCustomer': { input: LinkCustomerInput, output: StripeCustomerLink },
  /** queues the creation of a Stripe customer for the client */
  'stripe.createCustomer': { input: byClient, output: StripeCustomerLink },
  'stripe.unlinkCustomer': { input: byClient, output: StripeCustomerLink },
  'stripe.outbox': { input: OutboxListInput, output: OutboxList },
  /** a failed item back to pending (now) */
  'stripe.retry': { input: z.object({ id }).strict(), output: OutboxItem },
  'stripe.cancel': { input: z.object({ id }).strict(), output: OutboxItem },
  /** drains the outbox and polls payment status now */
  'stripe.syncNow': { input: none, output: SyncNowResult },
  'stripe.invoice': { input: z.object({ invoiceId: id }).strict(), output: RemoteInvoice },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
