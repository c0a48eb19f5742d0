// Runs in the CLI. `meterbook alerts [--unread] [--client ID] [--mark-read] [--json]`: the alert centre as a
// table (time, client, kind, title), newest first; --mark-read marks the listed alerts read afterwards.
import { EXIT, UsageError, integerOption, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { printFailure, printJson } from '../io';

export const alertsCommand: CliCommand = {
  name: 'alerts',
  args: '[--unread] [--client ID] [--mark-read] [--json]',
  summary: 'List alerts (thresholds, limits, projected overage, spikes), newest first',
  details: [
    '--unread      only alerts not read yet',
    '--client ID   only one client',
    '--mark-read   mark the listed alerts read',
    '--limit N     at most N alerts (default 50)',
    '--json        print the alerts.list output as JSON',
  ],
  options: { unread: { type: 'boolean' }, client: { type: 'string' }, 'mark-read': { type: 'boolean' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  async run(inv) {
    if (inv.positionals.length > 0) throw new UsageError(`Unexpected argument "${inv.positionals[0]}".`);
    const clientId = integerOption(inv.values, 'client', 1, Number.MAX_SAFE_INTEGER);
    const limit = integerOption(inv.values, 'limit', 1, 500) ?? 50;
    return withAppContext(inv, 'cli', async (ctx) => {
      const result = await ctx.dispatch('alerts.list', { unreadOnly: inv.values.unread === true, limit, ...(clientId !== undefined ? { clientId } : {}) });
      if (!result.ok) {
        printFailure(inv.io, 'alerts', result.error);
        return EXIT.failed;
      }
      const list = result.data;
      if (inv.values.json === true) printJson(inv.io, list);
      else {
        const header = ['Time', 'Client', 'Kind', 'Title'];
        const rows = list.items.map((a) => [a.createdAt.slice(0, 16).replace('T', ' '), a.clientName ?? '-', `${a.kind}${a.readAt === null ? ' *' : ''}`, a.title]);
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        const out = [line(header), ...rows.map(line), `${list.items.length} of ${list.total} shown, ${list.unread} unread (* = unread)`];
        inv.io.out(`${out.join('\n')}\n`);
      }
      if (inv.values['mark-read'] === true && list.items.length > 0) {
        const marked = await ctx.dispatch('alerts.markRead', { ids: list.items.map((a) => a.id) });
        if (!marked.ok) {
          printFailure(inv.io, 'alerts', marked.error);
          return EXIT.failed;
        }
        inv.io.err(`Marked ${marked.data.marked} alert${marked.data.marked === 1 ? '' : 's'} read.\n`);
      }
      return EXIT.ok;
    });
  },
};
