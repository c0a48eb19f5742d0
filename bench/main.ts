// Benchmarks: each figure beside a baseline measured in the same run, as a ratio.
//   npm run bench                      every bench (about 5 minutes here)
//   npm run bench -- --only=scale      one of: scale, pdf, breakdown, breakdown-ui, cold-start
// BENCH_EVENTS (scale, cold-start; default 1,000,000), BENCH_PDFS (500), BENCH_CLIENTS (breakdown; 5,000),
// BENCH_COLD_REPS (cold-start runs; 3).
import fs from 'node:fs';
import os from 'node:os';
import { scaleBench, scaleWorkspace } from './scale.bench';
import { pdfBench } from './pdf.bench';
import { breakdownBench } from './breakdown.bench';
import { breakdownUiBench } from './breakdown-ui.bench';
import { coldStartBench } from './cold-start.bench';
import { printTable, type BenchRow } from './table';

const only = process.argv.slice(2).find((a) => a.startsWith('--only='))?.slice(7);
const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const rows: BenchRow[] = [];
/** the scale bench's workspace (a quarter of usage, October closed), reused by the cold start */
let quarterDir: string | null = null;
const benches: Array<[string, () => Promise<BenchRow[]>]> = [
  [
    'scale',
    async () => {
      const r = await scaleBench({ events });
      quarterDir = r.dataDir;
      return r.rows;
    },
  ],
  ['pdf', () => pdfBench({ docs: Number(process.env.BENCH_PDFS ?? 500) })],
  ['breakdown', () => breakdownBench({ clients: Number(process.env.BENCH_CLIENTS ?? 5000) })],
  ['breakdown-ui', () => breakdownUiBench({ clients: Number(process.env.BENCH_CLIENTS ?? 5000) })],
  ['cold-start', async () => coldStartBench({ dataDir: (quarterDir ??= await scaleWorkspace({ events })), reps: Number(process.env.BENCH_COLD_REPS ?? 3) })],
];
const names = benches.map(([name]) => name);
if (only && !names.includes(only)) {
  console.error(`Unknown bench "${only}": choose one of ${names.join(', ')}.`);
  process.exit(2);
}

const started = performance.now();
console.log(`Meterbook bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
try {
  for (const [name, run] of benches) {
    if (only && only !== name) continue;
    const t = performance.now();
    rows.push(...(await run()));
    console.log(`bench ${name}: ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
} finally {
  if (quarterDir) fs.rmSync(quarterDir, { recursive: true, force: true });
}
printTable(rows);
console.log(`\n${rows.filter((r) => r.ok === false).length} of ${rows.filter((r) => r.ok !== null).length} aims missed; ${((performance.now() - started) / 1000).toFixed(0)} s in all, load now ${os.loadavg()[0]!.toFixed(1)}. Read the ratios: the times follow the machine's load.`);
