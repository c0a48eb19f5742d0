// Runs in main. Loads a realistic, seeded demo agency into an empty workspace: agency profile,
// provider accounts with rate cards, clients in several currencies and time zones, provider-side id
// mappings and `days` days of usage, all in one transaction. Same seed and end date, same data.
import type { CommandOutput, ParsedInput } from '../../../shared/contract/commands';
import type { Ledger } from '../../db/open-database';
import { writeAudit } from '../audit';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { EventBus } from '../event-bus';
import { demoWindow, utcDate } from './demo-calendar';
import { buildDemoPlan } from './demo-plan';
import { isWorkspaceEmpty, writeDemoPlan } from './demo-writer';

const notEmpty = () =>
  new AppError(
    'conflict',
    'This workspace already has data (an agency profile, clients, provider accounts or usage). Demo data only loads into an ' +
      'empty workspace: start Meterbook with a new, empty data folder to try the demo. Nothing was changed.',
  );

export class DemoService {
  constructor(
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  /** Generates and writes the demo workspace; refuses (conflict, nothing written) unless the workspace is empty. */
  async load(input: ParsedInput<'demo.load'>): Promise<CommandOutput<'demo.load'>> {
    const now = this.clock.now();
    const window = demoWindow(input.endDate ?? utcDate(now), input.days);
    // refuse before spending time on generation; checked again inside the transaction
    if (!(await isWorkspaceEmpty(this.ledger.db))) throw notEmpty();

    const plan = buildDemoPlan(input.seed, window);
    const counts = await this.ledger.db.transaction().execute(async (trx) => {
      if (!(await isWorkspaceEmpty(trx))) throw notEmpty();
      const written = await writeDemoPlan(trx, this.ledger.raw, plan, now);
      await writeAudit(trx, now, {
        action: 'demo.load',
        entity: 'workspace',
        details: { seed: input.seed, from: window.fromDate, to: window.toDate, ...written },
      });
      return written;
    });
    this.bus.changed('agency', 'clients', 'provider_accounts', 'client_mappings', 'usage_events', 'usage_rollups');
    return { providers: counts.providers, clients: counts.clients, events: counts.events, from: window.fromDate, to: window.toDate };
  }
}
