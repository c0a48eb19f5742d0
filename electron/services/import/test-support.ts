// Test-only helpers for the import service tests: an agency with a file provider account, two mapped
// clients, a call-export mapping, and CSV files written into the context's data folder.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportMappingInput } from '../../../shared/domain/import-mapping';
import type { AppContext } from '../app-context';

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

export const CALLS_HEADER = 'call_id,sub_account,metric,seconds,start_time,cost';

function ok<T>(r: { ok: true; data: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
}

export interface Agency {
  accountId: number;
  alphaId: number;
  betaId: number;
}

/** A file-import provider account whose sub-accounts AC1 and AC2 belong to the clients Alpha and Beta. */
export async function setUpAgency(ctx: Pick<AppContext, 'dispatch'>, accountName = 'Calls'): Promise<Agency> {
  const account = ok(await ctx.dispatch('providers.create', { kind: 'file', name: accountName, currency: 'USD' }));
  const alpha = ok(await ctx.dispatch('clients.create', { name: `Alpha of ${accountName}`, currency: 'USD' }));
  const beta = ok(await ctx.dispatch('clients.create', { name: `Beta of ${accountName}`, currency: 'USD' }));
  ok(await ctx.dispatch('mappings.create', { providerAccountId: account.id, clientKey: 'sub_account:AC1', clientId: alpha.id }));
  ok(await ctx.dispatch('mappings.create', { providerAccountId: account.id, clientKey: 'sub_account:AC2', clientId: beta.id }));
  return { accountId: account.id, alphaId: alpha.id, betaId: beta.id };
}

/** `count` good call rows c<from>..c<from+count-1>, alternating AC1/AC2, one every 7 s from 2026-10-01. */
export function callRows(count: number, from = 0): string[] {
  const base = Date.UTC(2026, 9, 1);
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return `c${i},${i % 2 === 0 ? 'AC1' : 'AC2'},call_seconds,${(i % 600) + 1},${new Date(base + i * 7000).toISOString()},0.0${i % 9}`;
  });
}

export function writeFile(dir: string, name: string, lines: readonly string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
