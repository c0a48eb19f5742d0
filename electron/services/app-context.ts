// Runs in main. Builds every service over one ledger: the single composition root shared by
// the Electron app, the browser-mode bridge, the CLI and the tests.
import { openLedger, type Ledger } from '../db/open-database';
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

export type AppMode = 'electron' | 'browser' | 'cli';

export interface AppContextOptions {
  dataDir: string;
  mode: AppMode;
  version?: string;
  clock?: Clock;
  logger?: Logger;
}

export interface Services {
  agency: AgencyService;
  clients: ClientsService;
  catalog: CatalogService;
  demo: DemoService;
}

export interface AppContext {
  readonly ledger: Ledger;
  readonly services: Services;
  readonly bus: EventBus;
  readonly dispatch: Dispatch;
  readonly options: Required<Omit<AppContextOptions, 'version'>> & { version: string };
  readonly schemaVersion: number;
  close(): Promise<void>;
}

export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const ledger = await openLedger(options.dataDir);
  const bus = new EventBus();
  const services: Services = {
    agency: new AgencyService(ledger.db, clock, bus),
    clients: new ClientsService(ledger.db, clock, bus),
    catalog: new CatalogService(ledger.db),
    demo: new DemoService(ledger, clock, bus),
  };
  const resolved = { ...options, clock, logger, version: options.version ?? '0.1.0' };
  const ctx: AppContext = {
    ledger,
    services,
    bus,
    options: resolved,
    schemaVersion: LATEST_SCHEMA_VERSION,
    dispatch: undefined as unknown as Dispatch,
    close: () => ledger.close(),
  };
  (ctx as { dispatch: Dispatch }).dispatch = createDispatcher(createHandlers(ctx), logger);
  return ctx;
}
