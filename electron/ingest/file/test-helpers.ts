// Test-only helpers for the file import tests: temp files and collecting a whole read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportMappingInput } from '../../../shared/domain/import-mapping';
import type { NormalizedEvent, RejectedRecord } from '../types';
import { readUsageFile, type ReadUsageFileOptions } from './parse-file';

/** The built-in metric keys of migration 0001 and their units. */
export const BUILT_IN_UNITS = new Map([
  ['interactions', 'interaction'],
  ['messages', 'message'],
  ['call_seconds', 'second'],
  ['usage_sessions', 'session'],
  ['voice_sessions', 'session'],
  ['alert_sessions', 'alert'],
  ['seats', 'seat-hour'],
  ['storage', 'MB-day'],
  ['ai_tokens', 'token'],
  ['sms', 'message'],
  ['phone_numbers', 'number'],
  ['characters', 'character'],
]);
export const BUILT_IN_METRICS: ReadonlySet<string> = new Set(BUILT_IN_UNITS.keys());

export function tempDir(): { dir: string; file: (name: string, content: string | Buffer) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'meterbook-import-'));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ReadAll {
  events: NormalizedEvent[];
  positions: number[];
  rejected: RejectedRecord[];
  rowsRead: number;
  batches: number;
}

export async function readAll(
  source: Parameters<typeof readUsageFile>[0],
  mapping: ImportMappingInput,
  options: Partial<ReadUsageFileOptions> = {},
): Promise<ReadAll> {
  const out: ReadAll = { events: [], positions: [], rejected: [], rowsRead: 0, batches: 0 };
  for await (const batch of readUsageFile(source, mapping, { knownMetricKeys: BUILT_IN_METRICS, metricUnits: BUILT_IN_UNITS, ...options })) {
    out.events.push(...batch.events);
    out.positions.push(...batch.positions);
    out.rejected.push(...batch.rejected);
    out.rowsRead += batch.rowsRead;
    out.batches++;
  }
  return out;
}

/** A typical call export: id, sub-account, metric, seconds, ISO start, cost. */
export const CALLS_MAPPING = {
  format: 'csv',
  columns: {
    externalId: 'call_id',
    clientKey: 'sub_account',
    clientKeyPrefix: 'sub_account:',
    metric: 'metric',
    quantity: 'seconds',
    occurredAt: 'start_time',
    timeZone: 'UTC',
    cost: 'cost',
  },
} satisfies ImportMappingInput;
