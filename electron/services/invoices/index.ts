// Runs in main. Composition of the invoice services: drafts and lifecycle, period close, settings, client
// billing terms, documents (PDF) and exports.
import type { AppContextDeps } from '../app-deps';
import type { PricingServices } from '../pricing';
import type { WalletServices } from '../wallet';
import type { StripeOutbox } from '../stripe/outbox';
import { ClientBillingService } from './billing-service';
import { CloseService } from './close-service';
import { DocumentsService } from './documents-service';
import { ExportsService } from './exports-service';
import { InvoicesService } from './invoices-service';
import { InvoiceSettingsService } from './settings-service';

export interface InvoiceServices {
  invoices: InvoicesService;
  close: CloseService;
  settings: InvoiceSettingsService;
  billing: ClientBillingService;
  documents: DocumentsService;
  exports: ExportsService;
}

export function createInvoiceServices(deps: AppContextDeps, others: { pricing: PricingServices; wallet: WalletServices; outbox?: StripeOutbox }): InvoiceServices {
  const settings = new InvoiceSettingsService(deps);
  const billing = new ClientBillingService(deps);
  const invoices = new InvoicesService(deps, { settings, billing, statements: others.pricing.statements, wallet: others.wallet.wallet, ...(others.outbox ? { outbox: others.outbox } : {}) });
  const close = new CloseService(deps, invoices);
  const documents = new DocumentsService(deps, invoices);
  const exports = new ExportsService(deps, invoices, documents);
  return { invoices, close, settings, billing, documents, exports };
}
