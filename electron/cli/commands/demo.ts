// Runs in the CLI. `meterbook demo`: loads the generated demo agency (the demo.load command).
import type { CommandInput, CommandOutput } from '../../../shared/contract/commands';
import { EXIT, integerOption, stringOption, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { printFailure } from '../io';

export const demoCommand: CliCommand = {
  name: 'demo',
  args: '[--seed N] [--end-date YYYY-MM-DD] [--days N] [--no-pricing]',
  summary: 'Load demo providers, clients and usage into the data folder',
  details: ['--seed N               the same seed gives the same data (default 42)', '--end-date YYYY-MM-DD  last day of usage (default today)', '--days N               days of usage (default 90)', '--no-pricing           no plans, subscriptions or tax terms (bring your own)'],
  options: { seed: { type: 'string' }, 'end-date': { type: 'string' }, days: { type: 'string' }, 'no-pricing': { type: 'boolean' } },
  async run(inv) {
    const input: CommandInput<'demo.load'> = {};
    const seed = integerOption(inv.values, 'seed', 0, 2 ** 31 - 1);
    const days = integerOption(inv.values, 'days', 1, 366);
    const endDate = stringOption(inv.values, 'end-date');
    if (seed !== undefined) input.seed = seed;
    if (days !== undefined) input.days = days;
    if (endDate !== undefined) input.endDate = endDate;
    if (inv.values['no-pricing'] === true) input.pricing = false;

    const result = await withAppContext(inv, 'cli', (ctx) => ctx.dispatch('demo.load', input));
    if (!result.ok) {
      printFailure(inv.io, 'demo', { ...result.error, field: result.error.field === 'endDate' ? 'end-date' : result.error.field });
      return EXIT.failed;
    }
    const s = result.data as CommandOutput<'demo.load'>;
    const n = (x: number) => x.toLocaleString('en-US');
    inv.io.out(`Loaded the demo: ${n(s.providers)} provider accounts, ${n(s.clients)} clients, ${n(s.events)} usage events from ${s.from} to ${s.to} into ${inv.dataDir}.\n`);
    return EXIT.ok;
  },
};
