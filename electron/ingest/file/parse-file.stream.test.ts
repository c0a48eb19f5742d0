// The streaming guarantee: a 1,000,000-row CSV (~61 MB) is read with the heap growing by far less than
// the file. Heap growth is dominated by the ids kept for duplicate detection (~60-70 MB for 1M short ids);
// the rest is garbage V8 has not collected yet. Prints rows/s, CPU time and peak heap growth.
// Takes ~10-15 s of CPU on a 2-core machine (longer in wall time when the machine is busy).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readUsageFile } from './parse-file';
import { BUILT_IN_METRICS, CALLS_MAPPING, tempDir } from './test-helpers';

const ROWS = 1_000_000;
const MB = 1024 * 1024;
let tmp: ReturnType<typeof tempDir>;
let path: string;
let fileBytes = 0;

beforeAll(async () => {
  tmp = tempDir();
  path = `${tmp.dir}/big.csv`;
  const out = createWriteStream(path);
  let chunk = 'call_id,sub_account,metric,seconds,start_time,cost\n';
  for (let i = 1; i <= ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const minute = String(i % 60).padStart(2, '0');
    chunk += `call_${i},AC${i % 500},call_seconds,${i % 600},2026-03-${day}T10:${minute}:00Z,0.${String(i % 1000).padStart(3, '0')}\n`;
    if (chunk.length > MB) {
      fileBytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  fileBytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
}, 120_000);

afterAll(() => tmp.cleanup());

it('streams a 1,000,000-row CSV with bounded memory', { timeout: 240_000 }, async () => {
  const startHeap = process.memoryUsage().heapUsed;
  const startRss = process.memoryUsage().rss;
  let peakHeap = 0;
  let peakRss = 0;
  let events = 0;
  let rejected = 0;
  let lastProgress = { rows: 0, bytes: 0, totalBytes: null as number | null };
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for await (const batch of readUsageFile(path, CALLS_MAPPING, {
    knownMetricKeys: BUILT_IN_METRICS,
    batchSize: 5000,
    onProgress: (p) => {
      lastProgress = p;
    },
  })) {
    events += batch.events.length;
    rejected += batch.rejected.length;
    const { heapUsed, rss } = process.memoryUsage();
    peakHeap = Math.max(peakHeap, heapUsed - startHeap);
    peakRss = Math.max(peakRss, rss - startRss);
  }
  const seconds = (performance.now() - wall) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    `1M-row CSV (${(fileBytes / MB).toFixed(1)} MB): ${seconds.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU, ` +
      `${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s; peak heap growth ${(peakHeap / MB).toFixed(0)} MB, peak RSS growth ${(peakRss / MB).toFixed(0)} MB`,
  );
  expect(events).toBe(ROWS);
  expect(rejected).toBe(0);
  expect(lastProgress).toEqual({ rows: ROWS, bytes: fileBytes, totalBytes: fileBytes });
  expect(peakHeap).toBeLessThan(150 * MB);
  expect(peakHeap).toBeLessThan(fileBytes * 2.5);
});
