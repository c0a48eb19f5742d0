// Runs in the CLI. `meterbook wallet topup --client ID --amount 100.00 [--date YYYY-MM-DD] [--reference TEXT]` and
// `meterbook wallet show --client ID [--json]`: the wallet.topUp and wallet.get commands for a terminal.
import type { CommandOutput } from '../../../shared/contract/commands';
import { CliFailure, EXIT, UsageError, integerOption, stringOption, type CliCommand, type Invocation } from '../command';
import { withAppContext } from '../context';
import { printFailure, printJson } from '../io';

type WalletView = CommandOutput<'wallet.get'>;

const SUBCOMMANDS = ['topup', 'show'] as const;

async function requireLedger(inv: Invocation): Promise<void> {
  const { LEDGER_FILE } = await import('../../db/open-database');
  const fs = await import('node:fs');
  const path = await import('node:path');
  if (!fs.existsSync(path.join(inv.dataDir, LEDGER_FILE))) {
    throw new CliFailure(`There is no Meterbook data in ${inv.dataDir}. Pass --data-dir, or load the demo first (meterbook demo).`);
  }
}

export const walletCommand: CliCommand = {
  name: 'wallet',
  args: 'topup --client ID --amount 100.00 [--date YYYY-MM-DD] [--reference TEXT] | show --client ID [--json]',
  summary: "Top up a client's prepaid wallet, or show its balance and last 20 movements",
  details: [
    'topup --client ID --amount 100.00   add money received from the client (more than zero, at most the currency\'s decimals)',
    '      [--date YYYY-MM-DD]           the day it was received (default: today; never in the future)',
    '      [--reference TEXT]            e.g. the bank transfer or receipt number',
    'show --client ID [--json]           the balance and the last 20 movements (--json: the wallet.get output)',
    'Exits 1 when the wallet refuses the change (unknown or archived client, bad amount), 2 on bad arguments.',
  ],
  options: { client: { type: 'string' }, amount: { type: 'string' }, date: { type: 'string' }, reference: { type: 'string' }, json: { type: 'boolean' } },
  async run(inv) {
    const [sub, extra] = inv.positionals;
    if (sub === undefined || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new UsageError(sub === undefined ? 'Say what to do: meterbook wallet topup ... or meterbook wallet show ...' : `Unknown wallet action "${sub}" (expected topup or show).`);
    }
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
    const clientId = integerOption(inv.values, 'client', 1, Number.MAX_SAFE_INTEGER);
    if (clientId === undefined) throw new UsageError('--client is required: the client id (see: meterbook call clients.list).');

    if (sub === 'show') {
      await requireLedger(inv);
      const result = await withAppContext(inv, 'cli', (ctx) => ctx.dispatch('wallet.get', { clientId, limit: 20 }));
      if (!result.ok) {
        printFailure(inv.io, 'wallet show', result.error);
        return EXIT.failed;
      }
      if (inv.values.json === true) printJson(inv.io, result.data);
      else inv.io.out(formatWallet(result.data));
      return EXIT.ok;
    }

    const amount = stringOption(inv.values, 'amount')?.trim();
    if (amount === undefined || amount === '') throw new UsageError('--amount is required, e.g. --amount 100.00');
    const reference = stringOption(inv.values, 'reference');
    await requireLedger(inv);
    const result = await withAppContext(inv, 'cli', async (ctx) => {
      const date = stringOption(inv.values, 'date') ?? (await todayFor(ctx, clientId));
      return ctx.dispatch('wallet.topUp', { clientId, amount, date, ...(reference !== undefined && { reference }) });
    });
    if (!result.ok) {
      printFailure(inv.io, 'wallet topup', result.error);
      return EXIT.failed;
    }
    if (inv.values.json === true) printJson(inv.io, result.data);
    else {
      const m = result.data.movement;
      inv.io.out(`Topped up ${m.amount} ${m.currency} on ${m.occurredOn} (movement ${m.id}). Balance: ${result.data.balance} ${m.currency}\n`);
    }
    return EXIT.ok;
  },
};

/** Today in the client's time zone (else the agency's), so the default date is never "in the future". */
async function todayFor(ctx: import('../../services/app-context').AppContext, clientId: number): Promise<string> {
  const { DateTime } = await import('luxon');
  const client = await ctx.dispatch('clients.get', { id: clientId });
  const agency = await ctx.dispatch('agency.get', {});
  const zone = (client.ok ? client.data.timeZone : null) ?? (agency.ok ? agency.data?.timeZone : undefined) ?? 'UTC';
  return DateTime.fromJSDate(ctx.options.clock.now(), { zone }).toISODate() ?? ctx.options.clock.now().toISOString().slice(0, 10);
}

/** The wallet as plain text: balance, rule, pending actions, then the movements (latest first). */
export function formatWallet(w: WalletView): string {
  const out: string[] = [`Client ${w.clientId} wallet: ${w.balance} ${w.currency}`];
  const r = w.rule;
  if (r.updatedAt !== null) {
    const parts = [r.lowBalanceThreshold === null ? null : `alert below ${r.lowBalanceThreshold}`, r.reloadThreshold === null ? null : `reload ${r.reloadAmount} below ${r.reloadThreshold}`].filter((p) => p !== null);
    out.push(`Rule${r.enabled ? '' : ' (disabled)'}: ${parts.length > 0 ? parts.join('; ') : 'none'}`);
  }
  for (const a of w.pendingActions) out.push(`Pending ${a.kind.replace('_', ' ')} of ${a.amount} ${a.currency} (action ${a.id}, since ${a.createdAt})`);
  out.push('');
  if (w.movements.length === 0) out.push('No movements yet.');
  const rows = w.movements.map((m) => [m.occurredOn, m.kind.replace('_', ' '), m.amount, m.reference ?? '', m.note ?? '']);
  const widths = [10, 13, Math.max(6, ...rows.map((r) => r[2]!.length)), Math.max(9, ...rows.map((r) => r[3]!.length))];
  if (rows.length > 0) out.push(['Date'.padEnd(widths[0]!), 'Kind'.padEnd(widths[1]!), 'Amount'.padStart(widths[2]!), 'Reference'.padEnd(widths[3]!), 'Note'].join('  '));
  for (const row of rows) out.push([row[0]!.padEnd(widths[0]!), row[1]!.padEnd(widths[1]!), row[2]!.padStart(widths[2]!), row[3]!.padEnd(widths[3]!), row[4]!].join('  ').trimEnd());
  if (w.total > w.movements.length) out.push(`(latest ${w.movements.length} of ${w.total} movements)`);
  return `${out.join('\n')}\n`;
}
