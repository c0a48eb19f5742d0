// Runs in main. Builds every service over one ledger: the single composition root shared by
// the Electron app, the browser-mode bridge, the CLI and the tests.
import { openLedger, type Ledger } from '../db/open-database';
import { UsageStore } from '../db/usage-store';
import type { RetryOverrides } from '../ingest/http/request-json';
import { JobRegistry } from '../jobs/job-registry';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { AgencyService } from './agency-service';
import { CatalogService } from './catalog-service';
import { ClientsService } from './clients-service';
import { systemClock, type Clock } from './clock';
import { DemoService } from './demo/demo-service';
import { EventBus } from './event-bus';
import { consoleLogger, type Logger } from './logger';
import { ExchangeRatesService } from './exchange-rates-service';
import { MetricsService } from './metrics-service';
import { ProvidersService } from './providers-service';
import { keyFileBox, type SecretBox } from './secrets';
import { SyncService } from './sync-service';
import { UsageService } from './usage-service';
import type { AppContextDeps, HostCapabilities } from './app-deps';
import { createAlertsServices, type AlertsServices } from './alerts';
import { createImportServices, type ImportServices } from './import';
import { createLifecycleServices, type LifecycleServices } from './lifecycle';
import { createWalletServices, type WalletServices } from './wallet';
import { createPricingServices, type PricingServices } from './pricing';
import { createInvoiceServices, type InvoiceServices } from './invoices';
import { StripeOutbox } from './stripe/outbox';
import { createStripeServices, type StripeServices } from './stripe';
import { createDashboardServices, type DashboardServices } from './dashboard';
import { createBackupServices, type BackupServices } from './backup';
import type { ReopenLedger } from './backup/reopen';

export type AppMode = 'electron' | 'browser' | 'cli';

export interface AppContextOptions {
  dataDir: string;
  mode: AppMode;
  version?: string;
  clock?: Clock;
  logger?: Logger;
  /** how credentials are sealed: Electron passes its safeStorage box; elsewhere a 0600 key file in the data folder */
  secrets?: SecretBox;
  /** provider HTTP (tests point connectors at fakes and shorten retries) */
  fetch?: typeof fetch;
  http?: RetryOverrides;
  /** what only some hosts can do (Electron's native file dialog) */
  host?: HostCapabilities;
  /** Stripe's API endpoint (tests: a fake on 127.0.0.1); default api.stripe.com */
  stripeEndpoint?: { host: string; port: number; protocol: 'http' | 'https' };
  /** a bus that outlives this context (ContextHost keeps one across restores) */
  bus?: EventBus;
  /** how a restore replaces the ledger under the running app (ContextHost); absent: restore is refused */
  reopen?: ReopenLedger;
}

export interface Services {
  agency: AgencyService;
  clients: ClientsService;
  catalog: CatalogService;
  metrics: MetricsService;
  exchangeRates: ExchangeRatesService;
  demo: DemoService;
  providers: ProvidersService;
  sync: SyncService;
  usage: UsageService;
  pricing: PricingServices;
  import: ImportServices;
  wallet: WalletServices;
  alerts: AlertsServices;
  lifecycle: LifecycleServices;
  invoices: InvoiceServices;
  stripe: StripeServices;
  dashboard: DashboardServices;
  backup: BackupServices;
}

export interface AppContext {
  readonly ledger: Ledger;
  readonly services: Services;
  readonly bus: EventBus;
  readonly dispatch: Dispatch;
  readonly options: Required<Pick<AppContextOptions, 'dataDir' | 'mode' | 'clock' | 'logger'>> & { version: string };
  readonly store: UsageStore;
  readonly jobs: JobRegistry;
  readonly deps: AppContextDeps;
  /** starts timers (scheduled syncs); the app and browser mode call it, one-shot CLI commands do not */
  startBackground(): void;
  readonly schemaVersion: number;
  close(): Promise<void>;
}

export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const ledger = await openLedger(options.dataDir);
  const bus = options.bus ?? new EventBus();
  const store = new UsageStore(ledger.raw);
  const jobs = new JobRegistry(bus, logger);
  const secrets = options.secrets ?? keyFileBox(options.dataDir);
  const syncRef: { current?: SyncService } = {};
  let statusTimer: NodeJS.Timeout | undefined;
  const alertsRef: { current?: AlertsServices } = {};
  const providers = new ProvidersService(ledger.db, clock, bus, secrets, (id) => syncRef.current?.isSyncing(id) ?? false, logger);
  const sync = new SyncService({
    raw: ledger.raw,
    store,
    providers,
    registry: jobs,
    clock,
    bus,
    logger,
    afterIngest: (accountId) => alertsRef.current?.afterIngest(accountId),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.http ? { http: options.http } : {}),
  });
  syncRef.current = sync;
  sync.recover();
  const deps: AppContextDeps = {
    ledger,
    store,
    jobs,
    clock,
    bus,
    logger,
    dataDir: options.dataDir,
    host: options.host ?? {},
    secrets,
    ...(options.stripeEndpoint ? { stripeEndpoint: options.stripeEndpoint } : {}),
  };
  const outbox = new StripeOutbox(() => clock.now());
  const pricing = createPricingServices(deps);
  const wallet = createWalletServices(deps, outbox);
  const services: Services = {
    agency: new AgencyService(ledger.db, clock, bus),
    clients: new ClientsService(ledger.db, clock, bus, outbox),
    catalog: new CatalogService(ledger.db, ledger.raw),
    metrics: new MetricsService(deps),
    exchangeRates: new ExchangeRatesService(ledger.db, clock, bus),
    demo: new DemoService(ledger, clock, bus),
    providers,
    sync,
    usage: new UsageService(ledger.raw, ledger.db, store, clock, bus),
    pricing,
    import: createImportServices(deps, { afterIngest: (accountId) => alertsRef.current?.afterIngest(accountId) }),
    wallet,
    alerts: (alertsRef.current = createAlertsServices(deps)),
    lifecycle: createLifecycleServices(deps),
    invoices: createInvoiceServices(deps, { pricing, wallet, outbox }),
    stripe: undefined as unknown as StripeServices,
    backup: createBackupServices(deps, { mode: options.mode, appVersion: options.version ?? '0.1.0', reopen: options.reopen }),
    dashboard: createDashboardServices(deps, { alerts: alertsRef.current!.centre, providers: () => services.catalog.providers((id) => sync.isSyncing(id)) }),
  };
  services.stripe = createStripeServices(deps, { outbox, invoices: services.invoices, wallet });
  const resolved = { dataDir: options.dataDir, mode: options.mode, clock, logger, version: options.version ?? '0.1.0' };
  const ctx: AppContext = {
    ledger,
    services,
    bus,
    store,
    jobs,
    deps,
    options: resolved,
    schemaVersion: LATEST_SCHEMA_VERSION,
    dispatch: undefined as unknown as Dispatch,
    startBackground: () => {
      sync.startScheduler();
      // trials end and pauses start or end with the calendar: check now and every hour
      const refresh = () => void services.lifecycle.refreshStatuses().catch((e) => logger.error('Refreshing client statuses failed', { error: String(e) }));
      refresh();
      statusTimer = setInterval(refresh, 3_600_000);
      statusTimer.unref();
      // Stripe outbox: drain every ~30 s when there is due work, poll payment status every ~5 min
      services.stripe.sync.startBackground();
      // the daily backup (never in the CLI: its scheduler is null there)
      services.backup.scheduler?.start();
    },
    close: async () => {
      sync.stopScheduler();
      if (statusTimer) clearInterval(statusTimer);
      await services.stripe.sync.stopBackground();
      await services.backup.scheduler?.stop();
      await jobs.shutdown();
      await ledger.close();
    },
  };
  (ctx as { dispatch: Dispatch }).dispatch = createDispatcher(createHandlers(ctx), logger);
  return ctx;
}
