// Runs anywhere. Contract commands for invoices and credit notes: period close, draft review, lifecycle,
// settings, client billing terms, PDFs and exports.
import { z } from 'zod';
import { id } from '../domain/fields';
import {
  AddDiscountInput,
  AddLineInput,
  ClientBilling,
  ClientBillingInput,
  ClosePreview,
  CloseRun,
  CloseStartInput,
  CreditNoteInput,
  ExportInput,
  ExportResult,
  ExportStartResult,
  FileDownload,
  InvoiceDetail,
  InvoiceList,
  InvoiceListInput,
  InvoiceSettings,
  InvoiceSettingsInput,
  IssueBatchInput,
  IssueBatchResult,
  IssueInput,
  LogoInput,
  MarkPaidInput,
  RemoveDiscountInput,
  RemoveLineInput,
  SetNoteInput,
  VoidInput,
  periodLabel,
} from '../domain/invoice';

const byId = z.object({ id }).strict();

export const invoiceCommands = {
  /** invoices and credit notes, newest first, with per-currency totals over every match */
  'invoices.list': { input: InvoiceListInput, output: InvoiceList },
  'invoices.get': { input: byId, output: InvoiceDetail },
  /** billable clients of a period and what already exists for each */
  'invoices.closePreview': { input: z.object({ period: periodLabel }).strict(), output: ClosePreview },
  /** starts (or resumes) the close run of a period: one draft per billable client; progress as job.progress */
  'invoices.closeStart': { input: CloseStartInput, output: CloseRun },
  'invoices.closeCancel': { input: z.object({ runId: id }).strict(), output: CloseRun },
  'invoices.closeRun': { input: z.object({ runId: id }).strict(), output: CloseRun },
  /** re-rates a draft from the current usage; manual lines, discounts and the note stay */
  'invoices.regenerate': { input: byId, output: InvoiceDetail },
  'invoices.addLine': { input: AddLineInput, output: InvoiceDetail },
  'invoices.removeLine': { input: RemoveLineInput, output: InvoiceDetail },
  'invoices.addDiscount': { input: AddDiscountInput, output: InvoiceDetail },
  'invoices.removeDiscount': { input: RemoveDiscountInput, output: InvoiceDetail },
  'invoices.setNote': { input: SetNoteInput, output: InvoiceDetail },
  /** drafts only: removes it (no number was used) */
  'invoices.deleteDraft': { input: byId, output: z.object({ id: z.number().int() }) },
  /** draft → issued: assigns the next number, freezes the snapshot, debits the prepaid balance */
  'invoices.issue': { input: IssueInput, output: InvoiceDetail },
  /** issues every draft of a period, one transaction each (safe to re-run after a crash) */
  'invoices.issueBatch': { input: IssueBatchInput, output: IssueBatchResult },
  'invoices.markPaid': { input: MarkPaidInput, output: InvoiceDetail },
  /** issued → void with a reason; keeps its number; a prepaid-balance debit is refunded */
  'invoices.void': { input: VoidInput, output: InvoiceDetail },
  /** a draft credit note against an issued or paid invoice */
  'invoices.createCreditNote': { input: CreditNoteInput, output: InvoiceDetail },
  /** the PDF of the document as it is (drafts watermarked) */
  'invoices.pdf': { input: byId, output: FileDownload },
  'invoiceSettings.get': { input: z.object({}).strict(), output: InvoiceSettings },
  'invoiceSettings.set': { input: InvoiceSettingsInput, output: InvoiceSettings },
  'invoiceSettings.setLogo': { input: LogoInput, output: InvoiceSettings },
  'invoiceSettings.clearLogo': { input: z.object({}).strict(), output: InvoiceSettings },
  'clientBilling.get': { input: z.object({ clientId: id }).strict(), output: ClientBilling },
  'clientBilling.set': { input: ClientBillingInput, output: ClientBilling },
  /** writes a period's PDFs (and CSVs, zip) to a folder as a job; progress as job.progress, kind 'export' */
  'exports.start': { input: ExportInput, output: ExportStartResult },
  /** the result of a finished export job */
  'exports.result': { input: z.object({ jobId: z.string().min(1).max(100) }).strict(), output: ExportResult },
  /** one file of a finished export (zip or CSV) for the renderer to save */
  'exports.download': { input: z.object({ jobId: z.string().min(1).max(100), name: z.string().min(1).max(300) }).strict(), output: FileDownload },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
