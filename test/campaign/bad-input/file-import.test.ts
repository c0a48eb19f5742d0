// Bad-input campaign, part 2: CSV usage files through the real import path (import.preview, import.start as a dry
// run and for real, the streaming csv-parse reader, the ledger writer) on a real SQLite file.
//
// Files are generated row by row from a model that knows which rows are valid: good rows, and rows that must be
// rejected (negative / fractional / NaN / empty quantities, impossible dates and offsets, unknown metric or client,
// missing id, ragged rows, repeated ids, bad costs), rendered with random quoting, CRLF or LF, a BOM, blank lines,
// plus rows whose fate the model leaves open (exponents, huge quantities, padded numbers): those may be refused or
// imported, but an imported value must be exact. Whole-file garbage (empty, header only, binary noise, UTF-16,
// Latin-1, unclosed quotes, huge fields) must be refused up front or fail the job with a clear message.
// Checks:
//   - every rejected row is reported as "Row N: reason" with the right N (header = row 1, blank rows counted);
//   - a real import stores exactly the valid rows (id, quantity, time); a dry run stores nothing;
//   - a file with no valid row changes nothing but the job's own bookkeeping (ingest_jobs, ingest_rejections,
//     sqlite_sequence: the design records every import job and its rejections), and a refused start changes nothing
//     at all (byte for byte).
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempContext, ok, type TempContext } from '../../helpers/temp-context';
import { messageProblem } from './bad-values';
import { fuzzParams, fuzzTimeout } from './fuzz-params';
import { JOB_BOOKKEEPING_TABLES, tableDigests } from './ledger-digest';

const HEADER = ['id', 'sub', 'metric', 'qty', 'at', 'cost'];
const MAPPING = {
  format: 'csv' as const,
  columns: { externalId: 'id', clientKey: 'sub', clientKeyPrefix: 'sub_account:', metric: 'metric', quantity: 'qty', occurredAt: 'at', timeZone: 'UTC', cost: 'cost' },
};

let ctx: TempContext;
let accountId: number;
let fileNo = 0;

beforeAll(async () => {
  ctx = await openTempContext();
  ctx.ledger.raw.pragma('synchronous = OFF');
  const account = ok(await ctx.dispatch('providers.create', { kind: 'file', name: 'Fuzzed calls', currency: 'USD' }));
  accountId = account.id;
  const a = ok(await ctx.dispatch('clients.create', { name: 'Alpha', currency: 'USD' }));
  const b = ok(await ctx.dispatch('clients.create', { name: 'Beta', currency: 'USD' }));
  ok(await ctx.dispatch('mappings.create', { providerAccountId: accountId, clientKey: 'sub_account:AC1', clientId: a.id }));
  ok(await ctx.dispatch('mappings.create', { providerAccountId: accountId, clientKey: 'sub_account:AC2', clientId: b.id }));
});
afterAll(async () => {
  await ctx?.dispose();
});

type Fate = 'good' | 'reject' | 'open';
interface Row {
  fate: Fate;
  cells: string[];
  /** for good rows: what must be stored */
  expect?: { quantity: number; occurredAt: number };
  why: string;
}

const day = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => Math.floor(ms / 1000) * 1000);
const isoOf = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const quantity = fc.integer({ min: 0, max: 10_000_000 });
const sub = fc.constantFrom('AC1', 'AC2');
const cost = fc.oneof(fc.constant(''), fc.stringMatching(/^\d{1,4}(\.\d{1,6})?$/));

/** One row's cells, given its id; `fate` says what the reader must do with it. */
const rowArb: fc.Arbitrary<(id: string) => Row> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(sub, quantity, day, cost).map(([s, q, t, c]) => (id: string) => ({ fate: 'good' as const, cells: [id, s, 'call_seconds', String(q), isoOf(t), c], expect: { quantity: q, occurredAt: t }, why: 'good' })) },
  {
    weight: 1,
    arbitrary: fc.tuple(sub, day).map(([s, t]) => (id: string) => ({ fate: 'good' as const, cells: [id, s, 'CALL_SECONDS', '007', isoOf(t).replace('Z', '+00:00'), ''], expect: { quantity: 7, occurredAt: t }, why: 'good: case, padding, offset' })),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        sub,
        day,
        fc.constantFrom<[string, string]>(
          ['qty', '-1'],
          ['qty', '-0.5'],
          ['qty', '1.5'],
          ['qty', 'NaN'],
          ['qty', 'Infinity'],
          ['qty', '-Infinity'],
          ['qty', ''],
          ['qty', 'abc'],
          ['qty', '1,5'],
          ['qty', '0x10'],
          ['at', '2026-02-30T00:00:00Z'],
          ['at', '2026-13-01'],
          ['at', '2026-10-31T25:00:00Z'],
          ['at', 'yesterday'],
          ['at', ''],
          ['at', '2026-10-01T10:00:00+99:00'],
          ['metric', 'no_such_metric'],
          ['metric', ''],
          ['sub', 'AC9'],
          ['id', ''],
          ['id', 'x'.repeat(201)],
          ['cost', 'abc'],
          ['cost', '1.2.3'],
          ['cost', 'NaN'],
        ),
      )
      .map(([s, t, [column, value]]) => (id: string) => {
        const cells = [id, s, 'call_seconds', '60', isoOf(t), '0.01'];
        cells[HEADER.indexOf(column)] = value;
        return { fate: 'reject' as const, cells, why: `${column} = ${JSON.stringify(value.slice(0, 20))}` };
      }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(sub, day, fc.integer({ min: 1, max: 5 })).map(([s, t, n]) => (id: string) => {
      const full = [id, s, 'call_seconds', '60', isoOf(t), '0.01'];
      const cells = n <= 2 ? full.slice(0, full.length - 1 - n) : [...full, ...Array.from({ length: n - 2 }, () => 'extra')];
      return { fate: 'reject' as const, cells, why: `ragged (${cells.length} cells)` };
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(sub, day, fc.constantFrom('1e3', '1E2', '9'.repeat(30), '12345678901234567890', ' 5 ', '+5', '5.0', '1_000', '٣', '2.5e-1'))
      .map(([s, t, q]) => (id: string) => ({ fate: 'open' as const, cells: [id, s, 'call_seconds', q, isoOf(t), ''], why: `qty = ${q}` })),
  },
);

interface Rendered {
  text: Buffer;
  rows: Array<Row & { id: string; position: number }>;
}

/** Renders rows as a CSV file; positions count the header as row 1 and blank rows too. */
const fileArb = fc
  .record({
    rows: fc.array(rowArb, { minLength: 0, maxLength: 40 }),
    dupOf: fc.array(fc.nat(), { maxLength: 3 }),
    blankAfter: fc.array(fc.nat(), { maxLength: 4 }),
    quoteAll: fc.boolean(),
    quoteSome: fc.array(fc.nat(), { maxLength: 10 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
  })
  .map((f): Rendered => {
    fileNo += 1;
    const rows: Rendered['rows'] = f.rows.map((make, i) => ({ ...make(`f${fileNo}r${i}`), id: `f${fileNo}r${i}`, position: 0 }));
    // repeated ids: a copy of an earlier good row is rejected as a repeat (the first one stays good)
    for (const n of f.dupOf) {
      const goods = rows.filter((r) => r.fate === 'good');
      if (goods.length === 0) break;
      const original = goods[n % goods.length]!;
      rows.push({ fate: 'reject', cells: [...original.cells], id: original.id, position: 0, why: 'repeated id' });
    }
    const lines: string[] = [HEADER.join(',')];
    const blanks = new Set(f.blankAfter.map((n) => n % (rows.length + 1)));
    const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
    rows.forEach((r, i) => {
      if (blanks.has(i)) lines.push('');
      r.position = lines.length + 1;
      lines.push(r.cells.map((c, j) => (f.quoteAll || f.quoteSome.includes(i * 6 + j) || /[",]/.test(c) ? quote(c) : c)).join(','));
    });
    const eol = f.crlf ? '\r\n' : '\n';
    const text = lines.join(eol) + (f.trailingNewline ? eol : '');
    return { text: Buffer.concat([f.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]), rows };
  });

function writeFile(bytes: Buffer): string {
  const file = path.join(ctx.dataDir, `fuzz-${fileNo}-${Date.now()}.csv`);
  fs.writeFileSync(file, bytes);
  return file;
}

interface JobReport {
  job: { status: string; inserted: number; rejected: number; error: string | null };
  rejections: Array<{ position: number; reason: string; externalId: string | null }>;
}

/** Starts an import; a refusal must be clean and leave the database byte for byte unchanged. */
async function runImport(file: string, dryRun: boolean): Promise<{ refused: string } | JobReport> {
  const before = ctx.ledger.raw.serialize();
  const started = await ctx.dispatch('import.start', { file: { path: file }, providerAccountId: accountId, mapping: MAPPING, dryRun });
  if (!started.ok) {
    expect(started.error.code, started.error.message).toBe('invalid_input');
    expect(messageProblem(started.error.message), started.error.message).toBeNull();
    expect(ctx.ledger.raw.serialize().equals(before), 'a refused import changed the database').toBe(true);
    return { refused: started.error.message };
  }
  const job = started.data as { jobId: string; id: number };
  await ctx.services.import.files.wait(job.jobId);
  return ok(await ctx.dispatch('sync.job', { id: job.id, rejectionsLimit: 1000 })) as JobReport;
}

const storedEvents = (): Map<string, { quantity: number; occurred_at: number }> =>
  new Map(
    (ctx.ledger.raw.prepare('select external_id, quantity, occurred_at from usage_events where provider_account_id = ?').all(accountId) as Array<{ external_id: string; quantity: number; occurred_at: number }>).map(
      (r) => [r.external_id, r],
    ),
  );

describe('CSV import of generated files', () => {
  it(
    'rejects exactly the bad rows as "Row N: reason", stores exactly the good ones; a dry run stores nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(fileArb, async (f) => {
          const file = writeFile(f.text);
          const digestBefore = tableDigests(ctx.ledger.raw, JOB_BOOKKEEPING_TABLES);
          const eventsBefore = storedEvents();

          const dry = await runImport(file, true);
          expect(tableDigests(ctx.ledger.raw, JOB_BOOKKEEPING_TABLES), 'a dry run changed the ledger').toEqual(digestBefore);
          const real = await runImport(file, false);
          if ('refused' in real || 'refused' in dry) {
            // only a file without data rows may be refused as a whole
            expect(f.rows, `refused: ${'refused' in real ? real.refused : ''}`).toEqual([]);
            return;
          }
          expect(real.job.status, real.job.error ?? '').toBe('succeeded');
          const byPosition = new Map(real.rejections.map((r) => [r.position, r]));
          for (const r of real.rejections) {
            expect(r.reason, 'a reason starts with its own row').toMatch(new RegExp(`^Row ${r.position}: \\S`));
            expect(messageProblem(r.reason), r.reason).toBeNull();
          }
          const after = storedEvents();
          for (const r of f.rows) {
            const rejection = byPosition.get(r.position);
            if (r.fate === 'reject') expect(rejection, `row ${r.position} (${r.why}) must be rejected`).toBeDefined();
            if (r.fate === 'good') {
              expect(rejection?.reason, `row ${r.position} (${r.why}) must be imported`).toBeUndefined();
              expect(after.get(r.id), `row ${r.position} stored exactly`).toEqual({ external_id: r.id, quantity: r.expect!.quantity, occurred_at: r.expect!.occurredAt });
            }
            if (r.fate === 'open' && rejection === undefined) {
              // accepted: the stored quantity must be exactly the text's value (no float rounding, no silent scaling)
              const stored = after.get(r.id);
              expect(stored, `row ${r.position} (${r.why}) neither rejected nor stored`).toBeDefined();
              expect(Number.isSafeInteger(stored!.quantity), `row ${r.position} (${r.why}) stored ${stored!.quantity}`).toBe(true);
            }
          }
          expect(real.rejections.map((r) => r.position).every((p) => f.rows.some((r) => r.position === p && r.fate !== 'good')), 'no other row is rejected').toBe(true);
          const goods = f.rows.filter((r) => r.fate === 'good');
          const accepted = f.rows.filter((r) => r.fate !== 'reject' && !byPosition.has(r.position)).length;
          expect(real.job.inserted).toBe(accepted);
          expect(dry.job.inserted, 'the dry run counts what the import stores').toBe(accepted);
          expect(dry.rejections.map((r) => r.reason)).toEqual(real.rejections.map((r) => r.reason));
          expect(after.size - eventsBefore.size).toBe(accepted);
          if (goods.length === 0 && accepted === 0) {
            expect(tableDigests(ctx.ledger.raw, JOB_BOOKKEEPING_TABLES), 'a file with no valid row changed the ledger').toEqual(digestBefore);
          }
        }),
        fuzzParams(25),
      );
    },
    fuzzTimeout(60_000, 150),
  );
});

/** Whole-file garbage: must be refused up front (nothing written) or end in a failed/succeeded job with no events. */
const garbageFiles: fc.Arbitrary<[string, Buffer]> = fc.oneof(
  fc.constant<[string, Buffer]>(['empty', Buffer.alloc(0)]),
  fc.constant<[string, Buffer]>(['BOM only', Buffer.from([0xef, 0xbb, 0xbf])]),
  fc.constant<[string, Buffer]>(['header only', Buffer.from(`${HEADER.join(',')}\n`)]),
  fc.constant<[string, Buffer]>(['header only, no newline', Buffer.from(HEADER.join(','))]),
  fc.constant<[string, Buffer]>(['newlines only', Buffer.from('\n\n\r\n\n')]),
  fc.constant<[string, Buffer]>(['UTF-16 with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER.join(',')}\nr1,AC1,call_seconds,5,2026-10-01T00:00:00Z,\n`, 'utf16le')])]),
  fc.constant<[string, Buffer]>(['Latin-1 cells', Buffer.from(`${HEADER.join(',')}\nr\xe91,AC1,call_seconds,5,2026-10-01T00:00:00Z,\n`, 'latin1')]),
  fc.constant<[string, Buffer]>(['unclosed quote', Buffer.from(`${HEADER.join(',')}\n"r1,AC1,call_seconds,5,2026-10-01T00:00:00Z,\n`)]),
  fc.constant<[string, Buffer]>(['quote in a bare cell', Buffer.from(`${HEADER.join(',')}\nr"1,AC1,call_seconds,5,2026-10-01T00:00:00Z,\n`)]),
  fc.constant<[string, Buffer]>(['NUL bytes', Buffer.from(`${HEADER.join(',')}\nr1\0,AC1,call_seconds,5\0,2026-10-01T00:00:00Z,\n`)]),
  fc.constant<[string, Buffer]>(['duplicate header', Buffer.from(`id,id,sub,metric,qty,at,cost\nr1,r1,AC1,call_seconds,5,2026-10-01T00:00:00Z,\n`)]),
  fc.constant<[string, Buffer]>(['huge field', Buffer.from(`${HEADER.join(',')}\nr1,AC1,call_seconds,5,2026-10-01T00:00:00Z,${'9'.repeat(2_000_000)}\n`)]),
  fc.constant<[string, Buffer]>(['huge header', Buffer.from(`${'h'.repeat(300_000)},${HEADER.join(',')}\n`)]),
  fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((b): [string, Buffer] => ['binary noise', Buffer.from(b)]),
  fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(200))
    .map(([noise, at]): [string, Buffer] => {
      const good = Buffer.from(`${HEADER.join(',')}\nr1,AC1,call_seconds,5,2026-10-01T00:00:00Z,\nr2,AC2,call_seconds,6,2026-10-02T00:00:00Z,\n`);
      const cut = Math.min(at, good.length);
      return ['noise spliced into a good file', Buffer.concat([good.subarray(0, cut), Buffer.from(noise), good.subarray(cut)])];
    }),
  fc.string({ maxLength: 500 }).map((s): [string, Buffer] => ['random text', Buffer.from(s)]),
);

describe('CSV import of garbage files', () => {
  it(
    'is refused with a clear message, or ends as a job whose every rejection is "Row N: reason"',
    async () => {
      await fc.assert(
        fc.asyncProperty(garbageFiles, async ([what, bytes]) => {
          fileNo += 1;
          const file = writeFile(bytes);
          const before = tableDigests(ctx.ledger.raw, JOB_BOOKKEEPING_TABLES);
          const eventsBefore = storedEvents();
          const preview = await ctx.dispatch('import.preview', { file: { path: file }, mapping: MAPPING });
          if (!preview.ok) expect(messageProblem(preview.error.message), `${what}: ${preview.error.message}`).toBeNull();
          for (const dryRun of [true, false]) {
            const r = await runImport(file, dryRun);
            if ('refused' in r) continue;
            expect(['succeeded', 'failed'], `${what}: ${r.job.error}`).toContain(r.job.status);
            if (r.job.error !== null) expect(messageProblem(r.job.error), `${what}: ${r.job.error}`).toBeNull();
            for (const rej of r.rejections) expect(rej.reason, what).toMatch(new RegExp(`^Row ${rej.position}: \\S`));
          }
          // what garbage may leave: the good rows r1, r2 of a file with noise spliced in (once; later copies are duplicates)
          const added = [...storedEvents().keys()].filter((k) => !eventsBefore.has(k));
          expect(added.every((k) => k === 'r1' || k === 'r2'), `${what} stored ${added.join(', ')}`).toBe(true);
          if (added.length === 0) {
            const after = tableDigests(ctx.ledger.raw, JOB_BOOKKEEPING_TABLES);
            expect(after, `${what}: no valid row, yet the ledger changed`).toEqual(before);
          }
        }),
        fuzzParams(30),
      );
    },
    fuzzTimeout(60_000, 150),
  );
});
