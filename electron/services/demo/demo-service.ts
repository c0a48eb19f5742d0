// Runs in main. Placeholder replaced by the demo generator.
import type { ParsedInput } from '../../../shared/contract/commands';
import type { Ledger } from '../../db/open-database';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { EventBus } from '../event-bus';

export class DemoService {
  constructor(
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  async load(_input: ParsedInput<'demo.load'>): Promise<{ providers: number; clients: number; events: number; from: string; to: string }> {
    void this.ledger;
    void this.clock;
    void this.bus;
    throw new AppError('conflict', 'The demo generator is not available yet.');
  }
}
