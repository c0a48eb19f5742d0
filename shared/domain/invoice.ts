// Runs anywhere. Invoices and credit notes as the contract sees them: the frozen snapshot a PDF is rendered
// from, the list/detail views, and every input (drafts, lifecycle, settings, close runs, exports).
// Money is decimal text in the document's currency, rounded as docs/INVOICES.md says; rates are percent text.
import { z } from 'zod';
import { isDecimalText } from '../money/decimal';
import { decimalAmount } from './wallet';
import { id, optionalText, requiredText } from './fields';

export const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash', 'cheque', 'stripe', 'prepaid_balance', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A calendar day YYYY-MM-DD (checked to exist: 2026-02-30 is refused). */
export const isoDate = (label: string) =>
  z
    .string({ error: `${label} is required (YYYY-MM-DD).` })
    .trim()
    .refine((s) => DATE_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      error: (iss) => `${label} must be a date like 2026-10-31 (got "${String(iss.input)}").`,
    });

export const periodLabel = z
  .string({ error: 'A period is required, like 2026-10.' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$|^\d{4}$/, { error: 'Period must look like 2026-10 (or 2026 for annual plans).' });

// ---- the snapshot (frozen at issue; a draft's is computed live)

export const Party = z.object({
  name: z.string(),
  contactName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** address lines in print order (empty lines removed) */
  addressLines: z.array(z.string()),
  taxId: z.string().nullable(),
});
export type Party = z.infer<typeof Party>;

export const SnapshotLine = z.object({
  /** where it came from: the rated statement, or added by hand on the draft */
  source: z.enum(['statement', 'manual']),
  /** statement line kind (usage, overage, base_fee, ...) or 'manual' */
  kind: z.string(),
  description: z.string(),
  metricKey: z.string().nullable(),
  /** decimal text */
  quantity: z.string(),
  unit: z.string(),
  /** full-precision decimal text, null when the amount is not quantity × unit price (tiers, fees) */
  unitPrice: z.string().nullable(),
  /** money text, rounded once (negative on credit notes) */
  amount: z.string(),
  note: z.string().nullable(),
});
export type SnapshotLine = z.infer<typeof SnapshotLine>;

export const SnapshotDiscount = z.object({
  description: z.string(),
  kind: z.enum(['fixed', 'percent']),
  /** the money amount (fixed) or the percent (percent), as entered */
  value: z.string(),
  /** money text > 0 taken off the subtotal (negative on credit notes) */
  amount: z.string(),
});
export type SnapshotDiscount = z.infer<typeof SnapshotDiscount>;

export const SnapshotTax = z.object({
  name: z.string(),
  /** percent text: "20", "8.875" */
  rate: z.string(),
  /** the taxable amount (subtotal − discounts) */
  base: z.string(),
  amount: z.string(),
});
export type SnapshotTax = z.infer<typeof SnapshotTax>;

export const InvoiceTotals = z.object({
  /** sum of line amounts */
  subtotal: z.string(),
  discountTotal: z.string(),
  /** subtotal − discountTotal: what taxes are computed on */
  net: z.string(),
  taxTotal: z.string(),
  /** net + taxTotal */
  total: z.string(),
  /** taken from the client's prepaid balance at issue (drafts: what the balance would pay now) */
  paidFromBalance: z.string(),
  /** total − paidFromBalance */
  amountDue: z.string(),
});
export type InvoiceTotals = z.infer<typeof InvoiceTotals>;

export const Branding = z.object({
  /** #rrggbb */
  accentColor: z.string(),
  /** content hash of the logo in the asset store (immutable), null: no logo */
  logo: z.object({ sha256: z.string(), mime: z.enum(['image/png', 'image/jpeg']) }).nullable(),
});
export type Branding = z.infer<typeof Branding>;

export const InvoiceSnapshot = z.object({
  schemaVersion: z.literal(1),
  kind: z.enum(INVOICE_KINDS),
  /** null while a draft */
  number: z.string().nullable(),
  currency: z.string(),
  /** BCP 47 tag the document formats dates and numbers with */
  locale: z.string(),
  /** YYYY-MM-DD; null while a draft */
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  paymentTermsDays: z.number().int(),
  /** billing period in the client's zone: start inclusive, end exclusive (YYYY-MM-DD) */
  period: z.object({ label: z.string(), start: z.string(), end: z.string() }).nullable(),
  agency: Party,
  client: Party,
  branding: Branding,
  planName: z.string().nullable(),
  lines: z.array(SnapshotLine),
  discounts: z.array(SnapshotDiscount),
  taxes: z.array(SnapshotTax),
  /** reverse charge: no tax, and this legal mention printed on the document */
  reverseChargeMention: z.string().nullable(),
  totals: InvoiceTotals,
  notes: z.string().nullable(),
  paymentInstructions: z.string().nullable(),
  /** credit notes: the invoice they correct, and why */
  creditOf: z.object({ invoiceId: z.number().int(), number: z.string(), issueDate: z.string() }).nullable(),
  creditReason: z.string().nullable(),
  /**
   * credit notes: how the credit was settled at issue — first against what the invoice still asked for, the
   * rest back to the client's prepaid balance (both money text ≥ 0)
   */
  settlement: z.object({ appliedToInvoice: z.string(), creditedToBalance: z.string() }).optional(),
});
export type InvoiceSnapshot = z.infer<typeof InvoiceSnapshot>;

// ---- views

export const InvoiceSummary = z.object({
  id: z.number().int(),
  kind: z.enum(INVOICE_KINDS),
  status: z.enum(INVOICE_STATUSES),
  number: z.string().nullable(),
  clientId: z.number().int(),
  clientName: z.string(),
  periodLabel: z.string().nullable(),
  currency: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  total: z.string(),
  paidFromBalance: z.string(),
  amountDue: z.string(),
  /** sum of issued credit notes against it (invoices only) */
  credited: z.string(),
  /** what the client still owes: amountDue − credited (not below 0), 0 once paid or void */
  balanceDue: z.string(),
  /** issued, unpaid and past its due date (agency's today) */
  overdue: z.boolean(),
  paidOn: z.string().nullable(),
  creditOfId: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;

export const DraftLine = z.object({
  id: z.number().int(),
  source: z.enum(['statement', 'manual']),
  kind: z.string(),
  description: z.string(),
  metricKey: z.string().nullable(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.string().nullable(),
  amount: z.string(),
  note: z.string().nullable(),
});
export type DraftLine = z.infer<typeof DraftLine>;

export const DraftDiscount = z.object({ id: z.number().int(), description: z.string(), kind: z.enum(['fixed', 'percent']), value: z.string(), amount: z.string() });
export type DraftDiscount = z.infer<typeof DraftDiscount>;

export const InvoiceDetail = InvoiceSummary.extend({
  /** the document: frozen for issued/paid/void, computed from the draft otherwise */
  snapshot: InvoiceSnapshot,
  /** editable rows of a draft (ids for remove commands); empty once issued */
  draftLines: z.array(DraftLine),
  draftDiscounts: z.array(DraftDiscount),
  payment: z.object({ date: z.string(), method: z.enum(PAYMENT_METHODS), reference: z.string().nullable() }).nullable(),
  voidReason: z.string().nullable(),
  voidedAt: z.string().nullable(),
  /** credit notes issued or drafted against this invoice */
  creditNotes: z.array(z.object({ id: z.number().int(), number: z.string().nullable(), status: z.enum(INVOICE_STATUSES), total: z.string() })),
  /** when the draft's statement lines were last generated (drafts) */
  generatedAt: z.string().nullable(),
  /** what the reader should know (statement notes, stale draft, ...) */
  notes: z.array(z.string()),
});
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;

export const InvoiceListInput = z
  .object({
    status: z.enum([...INVOICE_STATUSES, 'overdue', 'all']).default('all'),
    kind: z.enum([...INVOICE_KINDS, 'all']).default('all'),
    clientId: id.optional(),
    period: periodLabel.optional(),
    limit: z.number().int().min(1).max(1000, { error: 'At most 1000 invoices per page.' }).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type InvoiceListInput = z.input<typeof InvoiceListInput>;

export const InvoiceList = z.object({
  items: z.array(InvoiceSummary),
  total: z.number().int(),
  /** per currency over every matching row (not just this page): never summed across currencies */
  totals: z.array(z.object({ currency: z.string(), count: z.number().int(), total: z.string(), balanceDue: z.string() })),
});
export type InvoiceList = z.infer<typeof InvoiceList>;

// ---- draft editing

const quantityText = z
  .string({ error: 'Enter a quantity like 1 or 2.5.' })
  .trim()
  .refine(isDecimalText, { error: (iss) => `Quantity must be a number like 1 or 2.5 (got "${String(iss.input)}").` })
  .refine((s) => !s.startsWith('-') && /[1-9]/.test(s), { error: 'Quantity must be more than 0.' });

export const AddLineInput = z
  .object({
    invoiceId: id,
    description: requiredText('a description', 300),
    quantity: quantityText,
    unit: z.string().trim().max(40, { error: 'Unit must be at most 40 characters.' }).default('unit'),
    /** may be negative (a credit line); up to 6 decimals */
    unitPrice: decimalAmount('the unit price').refine((s) => (s.split('.')[1] ?? '').length <= 6, { error: 'Unit price can have at most 6 decimals.' }),
    note: optionalText('Note', 500),
  })
  .strict();
export type AddLineInput = z.input<typeof AddLineInput>;

export const RemoveLineInput = z.object({ invoiceId: id, lineId: id }).strict();

export const AddDiscountInput = z
  .object({
    invoiceId: id,
    description: requiredText('a description', 200),
    kind: z.enum(['fixed', 'percent'], { error: 'Discount kind must be fixed or percent.' }),
    /** fixed: money in the invoice currency; percent: 0 < p ≤ 100, up to 4 decimals */
    value: decimalAmount('the discount').refine((s) => !s.startsWith('-') && /[1-9]/.test(s), { error: 'A discount must be more than 0.' }),
  })
  .strict();
export type AddDiscountInput = z.input<typeof AddDiscountInput>;

export const RemoveDiscountInput = z.object({ invoiceId: id, discountId: id }).strict();
export const SetNoteInput = z.object({ invoiceId: id, note: optionalText('Note', 2000) }).strict();

// ---- lifecycle

export const IssueInput = z
  .object({
    id,
    /** default: today in the agency's zone; may not be before the last issued document of the same sequence */
    issueDate: isoDate('Issue date').optional(),
  })
  .strict();
export const IssueBatchInput = z.object({ period: periodLabel, issueDate: isoDate('Issue date').optional() }).strict();
export const IssueBatchResult = z.object({
  issued: z.array(z.object({ id: z.number().int(), number: z.string(), clientName: z.string() })),
  failed: z.array(z.object({ id: z.number().int(), clientName: z.string(), message: z.string() })),
});
export type IssueBatchResult = z.infer<typeof IssueBatchResult>;

export const MarkPaidInput = z
  .object({
    id,
    date: isoDate('Payment date'),
    method: z.enum(PAYMENT_METHODS, { error: `Payment method must be one of ${PAYMENT_METHODS.join(', ')}.` }),
    reference: optionalText('Reference', 200),
  })
  .strict();
export const VoidInput = z.object({ id, reason: requiredText('a reason for voiding', 500) }).strict();

export const CreditNoteInput = z
  .object({
    invoiceId: id,
    reason: requiredText('a reason', 500),
    /** full: every line, discount and tax negated; partial: the listed amounts (before tax) per line index */
    mode: z.enum(['full', 'partial']),
    lines: z
      .array(z.object({ index: z.number().int().min(0), amount: decimalAmount('the amount to credit').refine((s) => !s.startsWith('-') && /[1-9]/.test(s), { error: 'An amount to credit must be more than 0.' }) }).strict())
      .default([]),
  })
  .strict()
  .refine((v) => v.mode === 'full' || v.lines.length > 0, { error: 'A partial credit note needs at least one line amount.', path: ['lines'] });
export type CreditNoteInput = z.input<typeof CreditNoteInput>;

// ---- period close

export const CloseStartInput = z.object({ period: periodLabel }).strict();
export const CLOSE_RUN_STATUSES = ['running', 'done', 'cancelled', 'interrupted'] as const;
export const CloseRun = z.object({
  id: z.number().int(),
  period: z.string(),
  status: z.enum(CLOSE_RUN_STATUSES),
  total: z.number().int(),
  done: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failures: z.array(z.object({ clientId: z.number().int(), clientName: z.string(), message: z.string() })),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** job id for job.progress events while running */
  jobId: z.string(),
});
export type CloseRun = z.infer<typeof CloseRun>;
export const ClosePreview = z.object({
  period: z.string(),
  clients: z.array(
    z.object({
      clientId: z.number().int(),
      clientName: z.string(),
      currency: z.string(),
      /** what exists already for the period */
      invoice: z.object({ id: z.number().int(), status: z.enum(INVOICE_STATUSES), number: z.string().nullable() }).nullable(),
    }),
  ),
  lastRun: CloseRun.nullable(),
});
export type ClosePreview = z.infer<typeof ClosePreview>;

// ---- settings

const SEQ_TOKEN = /\{seq(?::(\d{1,2}))?\}/;
export const numberFormat = (label: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${label} is required, like INV-{YYYY}-{seq:5}.` })
    .max(60, { error: `${label} must be at most 60 characters.` })
    .refine((s) => SEQ_TOKEN.test(s), { error: `${label} must contain {seq} (or {seq:5} for 5 digits).` })
    .refine((s) => !/\{(?!YYYY\}|YY\}|MM\}|seq(?::\d{1,2})?\})[^}]*\}/.test(s), { error: `${label} may only use {YYYY}, {YY}, {MM} and {seq} or {seq:N}.` });

export const InvoiceSettings = z.object({
  invoiceNumberFormat: z.string(),
  creditNoteNumberFormat: z.string(),
  /** yearly: the sequence restarts at 1 each calendar year (the format must then contain the year) */
  numberReset: z.enum(['yearly', 'never']),
  paymentTermsDays: z.number().int(),
  paymentInstructions: z.string().nullable(),
  defaultNote: z.string().nullable(),
  reverseChargeMention: z.string(),
  accentColor: z.string(),
  logo: z.object({ sha256: z.string(), mime: z.enum(['image/png', 'image/jpeg']), bytes: z.number().int() }).nullable(),
  /** the next numbers as they would be assigned today (for the settings screen) */
  nextInvoiceNumber: z.string(),
  nextCreditNoteNumber: z.string(),
});
export type InvoiceSettings = z.infer<typeof InvoiceSettings>;

export const paymentTerms = z
  .number({ error: 'Payment terms must be a number of days.' })
  .int({ error: 'Payment terms must be whole days.' })
  .min(0, { error: 'Payment terms cannot be negative.' })
  .max(365, { error: 'Payment terms can be at most 365 days.' });

export const InvoiceSettingsInput = z
  .object({
    invoiceNumberFormat: numberFormat('Invoice number format'),
    creditNoteNumberFormat: numberFormat('Credit note number format'),
    numberReset: z.enum(['yearly', 'never'], { error: 'Numbering reset must be yearly or never.' }),
    paymentTermsDays: paymentTerms,
    paymentInstructions: optionalText('Payment instructions', 1000),
    defaultNote: optionalText('Default note', 1000),
    reverseChargeMention: requiredText('the reverse-charge mention', 300),
    accentColor: z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, { error: 'Accent colour must look like #1f6feb.' })
      .transform((s) => s.toLowerCase()),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.numberReset !== 'yearly') return;
    for (const key of ['invoiceNumberFormat', 'creditNoteNumberFormat'] as const) {
      if (!/\{YYYY\}|\{YY\}/.test(v[key])) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'With a yearly reset the number must contain {YYYY} or {YY}, or numbers would repeat.' });
      }
    }
  });
export type InvoiceSettingsInput = z.input<typeof InvoiceSettingsInput>;

export const LogoInput = z
  .object({
    /** base64 of a PNG or JPEG file, at most 1 MB */
    dataBase64: z.string().max(1_400_000, { error: 'The logo must be at most 1 MB.' }),
  })
  .strict();

// ---- client billing (tax rates, terms, reverse charge)

export const TaxRateInput = z
  .object({
    name: requiredText('a tax name', 60),
    /** percent: 0 ≤ rate ≤ 100, up to 4 decimals */
    rate: z
      .string({ error: 'Enter a tax rate like 20 or 8.875.' })
      .trim()
      .refine(isDecimalText, { error: (iss) => `Tax rate must be a number like 20 or 8.875 (got "${String(iss.input)}").` })
      .refine((s) => !s.startsWith('-'), { error: 'A tax rate cannot be negative.' })
      .refine((s) => (s.split('.')[1] ?? '').length <= 4, { error: 'A tax rate can have at most 4 decimals.' })
      .refine((s) => Number(s) <= 100, { error: 'A tax rate cannot be more than 100%.' }),
  })
  .strict();

export const ClientBilling = z.object({
  clientId: z.number().int(),
  taxRates: z.array(z.object({ name: z.string(), rate: z.string() })),
  /** null: the agency's default */
  paymentTermsDays: z.number().int().nullable(),
  reverseCharge: z.boolean(),
  /** pay invoices from the prepaid balance first */
  applyWallet: z.boolean(),
});
export type ClientBilling = z.infer<typeof ClientBilling>;

export const ClientBillingInput = z
  .object({
    clientId: id,
    taxRates: z
      .array(TaxRateInput)
      .max(5, { error: 'At most 5 tax rates per client.' })
      .refine((rates) => new Set(rates.map((r) => r.name.toLowerCase())).size === rates.length, { error: 'Two tax rates have the same name.' }),
    paymentTermsDays: paymentTerms.nullable(),
    reverseCharge: z.boolean(),
    applyWallet: z.boolean().default(true),
  })
  .strict()
  .refine((v) => !(v.reverseCharge && v.taxRates.some((r) => /[1-9]/.test(r.rate))), {
    error: 'Reverse charge means no tax is charged: remove the tax rates or turn reverse charge off.',
    path: ['reverseCharge'],
  });
export type ClientBillingInput = z.input<typeof ClientBillingInput>;

// ---- exports

export const ExportInput = z
  .object({
    period: periodLabel,
    /** a folder on this machine; default: <data folder>/exports/<period> */
    outDir: z.string().trim().min(1).max(1000).optional(),
    pdf: z.boolean().default(true),
    csv: z.boolean().default(false),
    zip: z.boolean().default(false),
    /** CSV number style: "1234.50" (default) or "1234,50" with ; as separator */
    decimalComma: z.boolean().default(false),
    /** UTF-8 byte-order mark for spreadsheet imports */
    bom: z.boolean().default(false),
    /** include drafts (watermarked) as well as issued/paid/void documents */
    includeDrafts: z.boolean().default(false),
  })
  .strict();
export type ExportInput = z.input<typeof ExportInput>;

export const ExportResult = z.object({
  outDir: z.string(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
  zip: z.string().nullable(),
  documents: z.number().int(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const ExportStartResult = z.object({ jobId: z.string() });

export const FileDownload = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });
export type FileDownload = z.infer<typeof FileDownload>;
