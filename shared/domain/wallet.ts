// Runs anywhere. Prepaid wallets: a movement ledger per client, a rule (low-balance alert, auto reload) and the
// pending actions the rule produces. Amounts are decimal text; how many decimals a currency allows is checked
// by the service (it knows the client's currency).
import { z } from 'zod';
import { isDecimalText } from '../money/decimal';
import { id, optionalText, requiredText } from './fields';

export const WALLET_MOVEMENT_KINDS = ['top_up', 'invoice_debit', 'refund', 'adjustment', 'reload'] as const;
export type WalletMovementKind = (typeof WALLET_MOVEMENT_KINDS)[number];
export const WALLET_ACTION_STATUSES = ['pending', 'done', 'failed', 'cancelled'] as const;
export type WalletActionStatus = (typeof WALLET_ACTION_STATUSES)[number];

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Decimal text ("100", "100.50", "-3.25"); the label names the field in messages. */
export const decimalAmount = (label: string) =>
  z
    .string({ error: `Enter ${label} as a number like 100.00.` })
    .trim()
    .refine(isDecimalText, { error: (iss) => `${label[0]!.toUpperCase()}${label.slice(1)} must be a number like 100.00 (got "${String(iss.input)}").` });

const isZero = (s: string) => !/[1-9]/.test(s);
const isNegative = (s: string) => s.startsWith('-');

/** An optional non-negative threshold or amount; null (or absent, or "") clears it. */
const optionalAmount = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((s) => (s == null || s === '' ? null : s))
    .refine((s) => s === null || isDecimalText(s), { error: `${label} must be a number like 100.00.` })
    .refine((s) => s === null || !isNegative(s) || isZero(s), { error: `${label} cannot be negative.` });

export const WalletMovement = z.object({
  id: z.number().int(),
  clientId: z.number().int(),
  kind: z.enum(WALLET_MOVEMENT_KINDS),
  /** signed money text in the wallet's currency: credits positive, debits negative */
  amount: z.string(),
  currency: z.string(),
  /** YYYY-MM-DD */
  occurredOn: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  invoiceId: z.number().int().nullable(),
  createdAt: z.string(),
});
export type WalletMovement = z.infer<typeof WalletMovement>;

export const WalletRule = z.object({
  clientId: z.number().int(),
  /** alert when the balance is below this (null: no alert) */
  lowBalanceThreshold: z.string().nullable(),
  /** record an auto reload when a debit takes the balance below this (null: no auto reload) */
  reloadThreshold: z.string().nullable(),
  reloadAmount: z.string().nullable(),
  enabled: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type WalletRule = z.infer<typeof WalletRule>;

export const WalletAction = z.object({
  id: z.number().int(),
  clientId: z.number().int(),
  kind: z.literal('auto_reload'),
  amount: z.string(),
  currency: z.string(),
  status: z.enum(WALLET_ACTION_STATUSES),
  /** the movement whose write crossed the reload threshold */
  movementId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WalletAction = z.infer<typeof WalletAction>;

export const WalletGetInput = z
  .object({
    clientId: id,
    limit: z.number().int().min(1).max(500, { error: 'At most 500 movements per page.' }).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const WalletView = z.object({
  clientId: z.number().int(),
  currency: z.string(),
  /** money text: the exact sum of every movement */
  balance: z.string(),
  /** latest first */
  movements: z.array(WalletMovement),
  /** how many movements the wallet has in all (for paging) */
  total: z.number().int(),
  rule: WalletRule,
  pendingActions: z.array(WalletAction),
});
export type WalletView = z.infer<typeof WalletView>;

export const WalletTopUpInput = z
  .object({
    clientId: id,
    amount: decimalAmount('the amount').refine((s) => !isNegative(s) && !isZero(s), { error: 'A top-up must be more than zero.' }),
    /** the day the money was received; not in the future */
    date: z.string({ error: 'Enter the date as YYYY-MM-DD.' }).trim().regex(DATE, { error: 'The date must look like 2026-10-15 (YYYY-MM-DD).' }),
    reference: optionalText('The reference', 200),
    note: optionalText('The note', 2000),
  })
  .strict();

export const WalletAdjustInput = z
  .object({
    clientId: id,
    /** signed: positive credits the wallet, negative takes money out */
    amount: decimalAmount('the amount').refine((s) => !isZero(s), { error: 'A correction cannot be zero.' }),
    reason: requiredText('the reason for the correction', 2000),
  })
  .strict();

export const WalletMovementResult = z.object({ movement: WalletMovement, balance: z.string() });
export type WalletMovementResult = z.infer<typeof WalletMovementResult>;

export const WalletSetRuleInput = z
  .object({
    clientId: id,
    lowBalanceThreshold: optionalAmount('The low-balance threshold'),
    reloadThreshold: optionalAmount('The reload threshold'),
    reloadAmount: optionalAmount('The reload amount'),
    enabled: z.boolean({ error: 'Say whether the rule is enabled (true or false).' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.reloadThreshold !== null && (v.reloadAmount === null || isZero(v.reloadAmount))) {
      ctx.addIssue({ code: 'custom', path: ['reloadAmount'], message: 'Enter a reload amount greater than zero, or clear the reload threshold.' });
    }
  });

export const WalletActionsInput = z
  .object({
    clientId: id.optional(),
    status: z.enum(WALLET_ACTION_STATUSES).optional(),
    limit: z.number().int().min(1).max(500, { error: 'At most 500 actions per page.' }).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const WalletActionList = z.object({ items: z.array(WalletAction), total: z.number().int() });
