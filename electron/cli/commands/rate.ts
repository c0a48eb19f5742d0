// Runs in the CLI. `meterbook rate --client ID --period 2026-10 [--json]`: a client's rated statement for one
// billing period (the statements.get command), as an aligned table or as the ClientStatement JSON.
// Formatting libraries are loaded on demand: every command module is loaded for `meterbook --help`.
import type { CommandOutput } from '../../../shared/contract/commands';
import { CliFailure, EXIT, UsageError, integerOption, stringOption, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { printFailure, printJson } from '../io';

type ClientStatement = CommandOutput<'statements.get'>;

export const rateCommand: CliCommand = {
  name: 'rate',
  args: '--client ID --period YYYY-MM [--json]',
  summary: "Print a client's rated statement (price, provider cost, margin) for a billing period",
  details: [
    '--client ID       the client (see: meterbook call clients.list)',
    '--period YYYY-MM  the monthly period that starts in that month (YYYY for annual plans)',
    '--json            print the statement as JSON (the statements.get output)',
    'Exits 1 when the statement cannot be made (unknown client, no plan for the period), 2 on bad arguments.',
  ],
  options: { client: { type: 'string' }, period: { type: 'string' }, json: { type: 'boolean' } },
  async run(inv) {
    if (inv.positionals.length > 0) throw new UsageError(`Unexpected argument "${inv.positionals[0]}".`);
    const clientId = integerOption(inv.values, 'client', 1, Number.MAX_SAFE_INTEGER);
    if (clientId === undefined) throw new UsageError('--client is required: the client id (see: meterbook call clients.list).');
    const period = stringOption(inv.values, 'period')?.trim();
    if (period === undefined || period === '') throw new UsageError('--period is required, e.g. --period 2026-10 (or 2026 for annual plans).');
    if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period)) throw new UsageError(`--period must look like 2026-10, or 2026 for annual plans (got "${period}").`);

    const { LEDGER_FILE } = await import('../../db/open-database');
    const fs = await import('node:fs');
    const path = await import('node:path');
    if (!fs.existsSync(path.join(inv.dataDir, LEDGER_FILE))) {
      throw new CliFailure(`There is no Meterbook data in ${inv.dataDir}. Pass --data-dir, or load the demo first (meterbook demo).`);
    }
    const result = await withAppContext(inv, 'cli', (ctx) => ctx.dispatch('statements.get', { clientId, period }));
    if (!result.ok) {
      printFailure(inv.io, 'rate', { message: result.error.message });
      return EXIT.failed;
    }
    if (inv.values.json === true) printJson(inv.io, result.data);
    else inv.io.out(await formatStatement(result.data));
    return EXIT.ok;
  },
};

const pad = (s: string, width: number, align: 'left' | 'right') => (align === 'left' ? s.padEnd(width) : s.padStart(width));

/** 1234567.5 -> 1,234,567.5 (decimal text, locale-independent). */
const groupDigits = (text: string) => {
  const [int, frac] = text.split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac === undefined ? '' : `.${frac}`}`;
};

/** The statement as a plain-text table with totals, for a terminal. */
export async function formatStatement(s: ClientStatement): Promise<string> {
  const [{ DateTime }, { dec, moneyText }] = await Promise.all([import('luxon'), import('../../../shared/money/decimal')]);
  const st = s.statement;
  const money = (text: string) => groupDigits(moneyText(dec(text), st.currency));
  const first = DateTime.fromISO(s.period.start, { zone: s.period.zone }).toISODate();
  const last = DateTime.fromMillis(Date.parse(s.period.end) - 1, { zone: s.period.zone }).toISODate();

  const header = ['Description', 'Quantity', 'Unit', 'Unit price', 'Amount', 'Provider cost'];
  const align: Array<'left' | 'right'> = ['left', 'right', 'left', 'right', 'right', 'right'];
  const rows = st.lines.map((l) => [
    l.description,
    groupDigits(l.quantity),
    l.unit,
    l.unitPrice === null ? '' : groupDigits(l.unitPrice),
    groupDigits(l.amount),
    l.metricKey === null ? '' : money(l.providerCost),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, align[i]!)).join('  ').trimEnd();

  const out: string[] = [];
  out.push(`${s.clientName} — ${s.period.label}: ${first} to ${last} (${s.period.zone})`);
  out.push(`Plan "${st.planName}" version ${s.planVersion}, ${st.currency}${st.rateCardId === null ? '' : `; provider costs priced by the rate card of provider account${String(st.rateCardId).includes(',') ? 's' : ''} ${String(st.rateCardId).split(',').join(', ')}`}`);
  out.push('');
  out.push(line(header));
  out.push(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) out.push(line(r));
  out.push('');
  const totals: Array<[string, string, string]> = [
    ['Subtotal', groupDigits(st.subtotal), ''],
    ['Provider cost', money(st.providerCost), ''],
    ['Margin', groupDigits(st.margin), st.marginPercent === null ? '' : ` (${st.marginPercent} %)`],
  ];
  const amountWidth = Math.max(...totals.map((t) => t[1].length));
  for (const [label, amount, suffix] of totals) out.push(`${label.padEnd(15)}${amount.padStart(amountWidth)} ${st.currency}${suffix}`);
  if ((s.notes ?? []).length > 0) out.push('');
  for (const note of s.notes ?? []) out.push(`Note: ${note}`);
  return `${out.join('\n')}\n`;
}
