// Runs in main. What every domain's services may depend on (built once in app-context.ts).
import type { Ledger } from '../db/open-database';
import type { UsageStore } from '../db/usage-store';
import type { JobRegistry } from '../jobs/job-registry';
import type { Clock } from './clock';
import type { EventBus } from './event-bus';
import type { Logger } from './logger';
import type { SecretBox } from './secrets';

/** Capabilities only some hosts have (Electron's native dialogs). */
export interface HostCapabilities {
  /** native open-file dialog; resolves to the chosen path or null when cancelled */
  pickFile?(purpose: 'usage'): Promise<string | null>;
}

export interface AppContextDeps {
  ledger: Ledger;
  store: UsageStore;
  jobs: JobRegistry;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  dataDir: string;
  host: HostCapabilities;
  /** seals credentials at rest (provider keys, the Stripe key) */
  secrets: SecretBox;
  /** where Stripe is (tests and the e2e point it at a fake on 127.0.0.1); default api.stripe.com */
  stripeEndpoint?: { host: string; port: number; protocol: 'http' | 'https' };
}
