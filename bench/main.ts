// Benchmarks: each figure beside a baseline measured in the same run, as a ratio.
import os from 'node:os';
import { ingestBench } from './ingest.bench';
import { pdfBench } from './pdf.bench';
import { breakdownBench } from './breakdown.bench';
import { breakdownUiBench } from './breakdown-ui.bench';
import { printTable, type BenchRow } from './table';

const only = process.argv.slice(2).find((a) => a.startsWith('--only='))?.slice(7);
const rows: BenchRow[] = [];
const benches: Array<[string, () => Promise<BenchRow[]>]> = [
  ['ingest', () => ingestBench({ events: Number(process.env.BENCH_EVENTS ?? 200_000) })],
  ['pdf', () => pdfBench({ docs: Number(process.env.BENCH_PDFS ?? 500) })],
  ['breakdown', () => breakdownBench({ clients: Number(process.env.BENCH_CLIENTS ?? 5000) })],
  ['breakdown-ui', () => breakdownUiBench({ clients: Number(process.env.BENCH_CLIENTS ?? 5000) })],
];

console.log(`Meterbook bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
for (const [name, run] of benches) {
  if (only && only !== name) continue;
  rows.push(...(await run()));
}
printTable(rows);
