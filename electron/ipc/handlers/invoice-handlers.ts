// Runs in main. Invoice commands (close, drafts, lifecycle, settings, billing terms, PDFs, exports) -> services.
import type { AppContext } from '../../services/app-context';
import type { DomainHandlers } from '../dispatcher';
import type { INVOICE_COMMAND_NAMES } from '../../../shared/contract/invoice-names';

export function createInvoiceHandlers(ctx: AppContext): DomainHandlers<(typeof INVOICE_COMMAND_NAMES)[number]> {
  const { invoices, close, settings, billing, documents, exports } = ctx.services.invoices;
  return {
    'invoices.list': (input) => invoices.list(input),
    'invoices.get': ({ id }) => invoices.get(id),
    'invoices.closePreview': ({ period }) => close.preview(period),
    'invoices.closeStart': ({ period }) => close.start(period),
    'invoices.closeCancel': ({ runId }) => close.cancel(runId),
    'invoices.closeRun': ({ runId }) => close.get(runId),
    'invoices.regenerate': ({ id }) => invoices.regenerate(id),
    'invoices.addLine': (input) => invoices.addLine(input),
    'invoices.removeLine': (input) => invoices.removeLine(input),
    'invoices.addDiscount': (input) => invoices.addDiscount(input),
    'invoices.removeDiscount': (input) => invoices.removeDiscount(input),
    'invoices.setNote': (input) => invoices.setNote(input),
    'invoices.deleteDraft': ({ id }) => invoices.deleteDraft(id),
    'invoices.issue': (input) => invoices.issue(input),
    'invoices.issueBatch': (input) => invoices.issueBatch(input),
    'invoices.markPaid': (input) => invoices.markPaid(input),
    'invoices.void': (input) => invoices.void(input),
    'invoices.createCreditNote': (input) => invoices.createCreditNote(input),
    'invoices.pdf': ({ id }) => documents.pdfDownload(id),
    'invoiceSettings.get': () => settings.get(),
    'invoiceSettings.set': (input) => settings.set(input),
    'invoiceSettings.setLogo': (input) => settings.setLogo(input),
    'invoiceSettings.clearLogo': () => settings.clearLogo(),
    'clientBilling.get': ({ clientId }) => billing.get(clientId),
    'clientBilling.set': (input) => billing.set(input),
    'exports.start': (input) => exports.start(input),
    'exports.result': ({ jobId }) => exports.result(jobId),
    'exports.download': ({ jobId, name }) => exports.download(jobId, name),
  };
}
