// Runs in main. Command name -> service call. Thin on purpose: no business logic here.
import type { AppContext } from '../services/app-context';
import type { Handlers } from './dispatcher';
import { addDemoPricing } from '../services/demo/demo-pricing';
import { createAlertsHandlers } from './handlers/alerts-handlers';
import { createImportHandlers } from './handlers/import-handlers';
import { createLifecycleHandlers } from './handlers/lifecycle-handlers';
import { createInvoiceHandlers } from './handlers/invoice-handlers';
import { createStripeHandlers } from './handlers/stripe-handlers';
import { createWalletHandlers } from './handlers/wallet-handlers';
import { createPricingHandlers } from './handlers/pricing-handlers';
import { createDashboardHandlers } from './handlers/dashboard-handlers';
import { createBackupHandlers } from './handlers/backup-handlers';

export function createHandlers(ctx: AppContext): Handlers {
  const { services: s } = ctx;
  return {
    'app.info': async () => ({
      version: ctx.options.version,
      mode: ctx.options.mode,
      dataDir: ctx.options.dataDir,
      schemaVersion: ctx.schemaVersion,
      onboarded: (await s.agency.get()) !== null,
    }),
    'agency.get': () => s.agency.get(),
    'agency.save': (input) => s.agency.save(input),
    'clients.list': (input) => s.clients.list(input),
    'clients.get': ({ id }) => s.clients.get(id),
    'clients.create': (input) => s.clients.create(input),
    'clients.update': (input) => s.clients.update(input),
    'clients.archive': ({ id }) => s.clients.archive(id),
    'clients.restore': ({ id }) => s.clients.restore(id),
    'providers.list': () => s.catalog.providers((id) => s.sync.isSyncing(id)),
    'metrics.list': () => s.catalog.metrics(),
    'metrics.create': (input) => s.metrics.create(input),
    'metrics.delete': ({ id }) => s.metrics.delete(id),
    'usage.totals': (input) => s.catalog.usageTotals(input),
    'demo.load': async (input) => {
      const summary = await s.demo.load(input);
      if (input.pricing) {
        await addDemoPricing(
          { db: ctx.ledger.db, plans: s.pricing.plans, subscriptions: s.pricing.subscriptions, trials: s.lifecycle.trials, pauses: s.lifecycle.pauses, billing: s.invoices.billing },
          summary,
        );
        await s.lifecycle.refreshStatuses();
      }
      return summary;
    },
    'exchangeRates.list': () => s.exchangeRates.list(),
    'exchangeRates.set': (input) => s.exchangeRates.set(input),
    'providers.kinds': () => s.providers.kinds(),
    'providers.get': ({ id }) => s.providers.get(id),
    'providers.create': (input) => s.providers.create(input),
    'providers.update': (input) => s.providers.update(input),
    'providers.archive': ({ id }) => s.providers.setArchived(id, true),
    'providers.restore': ({ id }) => s.providers.setArchived(id, false),
    'providers.test': ({ id }) => s.sync.testConnection(id),
    'sync.start': ({ providerAccountId }) => s.sync.start(providerAccountId),
    'sync.cancel': ({ jobId }) => ({ cancelled: s.sync.cancel(jobId) }),
    'sync.jobs': (input) => s.sync.list(input),
    'sync.job': (input) => s.sync.detail(input),
    'mappings.list': (input) => s.usage.mappings(input),
    'mappings.create': (input) => s.usage.createMapping(input),
    'mappings.delete': ({ id }) => s.usage.deleteMapping(id),
    'usage.unassigned': (input) => s.usage.unassigned(input),
    'usage.rebuildRollups': ({ apply }) => s.usage.rebuildRollups(apply),
    ...createPricingHandlers(ctx),
    ...createImportHandlers(ctx),
    ...createWalletHandlers(ctx),
    ...createAlertsHandlers(ctx),
    ...createLifecycleHandlers(ctx),
    ...createInvoiceHandlers(ctx),
    ...createStripeHandlers(ctx),
    ...createDashboardHandlers(ctx),
    ...createBackupHandlers(ctx),
  };
}
