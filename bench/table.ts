// Prints benchmark rows as one aligned table.
export interface BenchRow {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  aim: string;
  ok: boolean | null;
}

export function printTable(rows: BenchRow[]): void {
  const head: BenchRow = { figure: 'figure', value: 'Meterbook', baseline: 'baseline (same run)', ratio: 'ratio', aim: 'aim', ok: null };
  const all = [head, ...rows];
  const w = (k: keyof BenchRow) => Math.max(...all.map((r) => String(r[k]).length));
  const line = (r: BenchRow) =>
    `${r.figure.padEnd(w('figure'))}  ${r.value.padStart(w('value'))}  ${r.baseline.padStart(w('baseline'))}  ${r.ratio.padStart(w('ratio'))}  ${r.aim.padEnd(w('aim'))}  ${r.ok === null ? '' : r.ok ? 'met' : 'MISSED'}`;
  console.log('');
  console.log(line(head));
  console.log('-'.repeat(line(head).length));
  for (const r of rows) console.log(line(r));
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
