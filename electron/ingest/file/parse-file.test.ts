import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportFileError } from './import-file-error';
import { readUsageFile } from './parse-file';
import { BUILT_IN_METRICS, CALLS_MAPPING, readAll, tempDir } from './test-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const utc = (iso: string) => Date.parse(iso);

describe('readUsageFile: CSV', () => {
  it('maps a clean file to exact events', async () => {
    const path = tmp.file(
      'calls.csv',
      [
        'call_id,sub_account,metric,seconds,start_time,cost',
        'c1,AC100,call_seconds,61,2026-03-01T10:00:00Z,0.0069',
        'c2,AC200,interactions,1,2026-03-01T10:05:30.250+02:00,0.35',
        'c3,sub_account:AC300,ai_tokens,1200,2026-03-02T00:00:00Z,',
        '',
      ].join('\n'),
    );
    const out = await readAll(path, CALLS_MAPPING);
    expect(out.rejected).toEqual([]);
    expect(out.rowsRead).toBe(3);
    expect(out.events).toEqual([
      {
        externalId: 'c1',
        clientKey: 'sub_account:AC100',
        metricKey: 'call_seconds',
        quantity: 61,
        occurredAt: utc('2026-03-01T10:00:00Z'),
        cost: '0.0069',
        costCurrency: null,
        attrs: null,
      },
      {
        externalId: 'c2',
        clientKey: 'sub_account:AC200',
        metricKey: 'interactions',
        quantity: 1,
        occurredAt: utc('2026-03-01T08:05:30.250Z'),
        cost: '0.35',
        costCurrency: null,
        attrs: null,
      },
      {
        externalId: 'c3',
        // the prefix is not doubled when the file already has it
        clientKey: 'sub_account:AC300',
        metricKey: 'ai_tokens',
        quantity: 1200,
        occurredAt: utc('2026-03-02T00:00:00Z'),
        cost: null,
        costCurrency: null,
        attrs: null,
      },
    ]);
  });

  it('imports the good rows of a file with bad rows and reports each bad row by number and reason', async () => {
    const path = tmp.file(
      'bad.csv',
      [
        'call_id,sub_account,metric,seconds,start_time,cost', // row 1
        'ok1,AC1,call_seconds,10,2026-03-01T10:00:00Z,0.10', // 2
        ',AC1,call_seconds,10,2026-03-01T10:00:00Z,0.10', // 3 missing id
        'ok2,AC1,sms,1,2026-03-01T10:00:00Z,', // 4
        'bad-metric,AC1,minutes,10,2026-03-01T10:00:00Z,', // 5 unknown metric
        'bad-qty,AC1,call_seconds,-5,2026-03-01T10:00:00Z,', // 6 negative quantity
        'ok3,,call_seconds,7,2026-03-01T10:00:00Z,', // 7 empty client key: kept, unassigned
        'bad-date,AC1,call_seconds,10,31/02/2026,', // 8 bad date
        'bad-frac,AC1,call_seconds,1.5,2026-03-01T10:00:00Z,', // 9 fractional seconds
        'bad-cost,AC1,call_seconds,3,2026-03-01T10:00:00Z,$1.20', // 10 cost with a symbol
        'bad-cols,AC1,call_seconds,3,2026-03-01T10:00:00Z', // 11 five columns
        'ok4,AC2,call_seconds,3,2026-03-01T10:00:00Z,0', // 12
        'multi,AC1,minutes,-1,nope,', // 13 three problems at once
      ].join('\n'),
    );
    const out = await readAll(path, CALLS_MAPPING);
    expect(out.events.map((e) => [e.externalId, e.clientKey])).toEqual([
      ['ok1', 'sub_account:AC1'],
      ['ok2', 'sub_account:AC1'],
      ['ok3', null],
      ['ok4', 'sub_account:AC2'],
    ]);
    expect(out.positions).toEqual([2, 4, 7, 12]);
    expect(out.rowsRead).toBe(12);
    const known = 'ai_tokens, alert_sessions, call_seconds, characters, interactions, messages, phone_numbers, seats, sms, storage, usage_sessions, voice_sessions';
    expect(out.rejected).toEqual([
      { position: 3, reason: 'Row 3: missing event id (column "call_id" is empty)' },
      {
        position: 5,
        externalId: 'bad-metric',
        reason: `Row 5: unknown metric "minutes" (known: ${known}); add an alias for it in the mapping`,
      },
      { position: 6, externalId: 'bad-qty', reason: 'Row 6: quantity "-5" is negative' },
      {
        position: 8,
        externalId: 'bad-date',
        reason:
          'Row 8: date "31/02/2026" is not a valid iso timestamp (expected e.g. 2026-03-08T14:30:00Z or 2026-03-08 14:30:00; for other layouts set a custom format such as dd/MM/yyyy HH:mm)',
      },
      { position: 9, externalId: 'bad-frac', reason: 'Row 9: quantity "1.5" must be a whole number of seconds' },
      {
        position: 10,
        externalId: 'bad-cost',
        reason: 'Row 10: cost "$1.20" is not a decimal number (remove the currency symbol; map the currency to its own column)',
      },
      { position: 11, reason: 'Row 11: has 5 columns but the header has 6' },
      {
        position: 13,
        externalId: 'multi',
        reason: expect.stringMatching(/^Row 13: unknown metric "minutes" .*; quantity "-1" is negative; date "nope" is not a valid iso timestamp/),
      },
    ]);
  });

  it('reads a BOM, semicolons and decimal commas (a European Excel export)', async () => {
    const body = ['call_id;sub_account;metric;seconds;start_time;cost', 'e1;AC1;call_seconds;12;2026-03-01T10:00:00Z;12,50', 'e2;AC1;call_seconds;3;2026-03-01T10:00:00Z;1.250'].join('\r\n');
    const path = tmp.file('eu.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]));
    const out = await readAll(path, { ...CALLS_MAPPING, csv: { delimiter: ';', decimalSeparator: ',' } });
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ externalId: 'e1', cost: '12.50', quantity: 12 });
    expect(out.rejected).toEqual([
      {
        position: 3,
        externalId: 'e2',
        reason: 'Row 3: cost "1.250" is not a decimal number (the decimal separator is set to comma; remove thousands separators)',
      },
    ]);
  });

  it('explains a decimal comma when the mapping expects a dot', async () => {
    const path = tmp.file('comma.csv', 'call_id;sub_account;metric;seconds;start_time;cost\nx1;AC1;call_seconds;1;2026-03-01T10:00:00Z;12,50\n');
    const out = await readAll(path, { ...CALLS_MAPPING, csv: { delimiter: ';' } });
    expect(out.rejected.map((r) => r.reason)).toEqual([
      'Row 2: cost "12,50" is not a decimal number (use a dot, or set the decimal separator to comma)',
    ]);
  });

  it('numbers rows like a spreadsheet when quoted values span lines', async () => {
    const path = tmp.file(
      'multiline.csv',
      [
        'call_id,sub_account,metric,seconds,start_time,cost,note', // row 1
        'm1,AC1,call_seconds,1,2026-03-01T10:00:00Z,,"first line', // row 2 spans lines 2-4
        'second line',
        'third line"',
        ' , ,,,,,', // row 3: empty, skipped silently
        'm2,AC1,call_seconds,-1,2026-03-01T10:00:00Z,,"a, b"', // row 4
        'm3,AC1,call_seconds,2,2026-03-01T10:00:00Z,,"say ""hi""\r\nbye"', // row 5
        ',AC1,call_seconds,2,2026-03-01T10:00:00Z,,plain', // row 6
      ].join('\n'),
    );
    const out = await readAll(path, { ...CALLS_MAPPING, columns: { ...CALLS_MAPPING.columns, attrs: { note: 'note' } } });
    expect(out.events.map((e) => [e.externalId, e.attrs])).toEqual([
      ['m1', { note: 'first line\nsecond line\nthird line' }],
      ['m3', { note: 'say "hi"\r\nbye' }],
    ]);
    expect(out.rejected.map((r) => r.reason)).toEqual([
      'Row 4: quantity "-1" is negative',
      'Row 6: missing event id (column "call_id" is empty)',
    ]);
    expect(out.rowsRead).toBe(5);
  });

  it('turns malformed quotes into row-numbered reasons and keeps reading', async () => {
    const path = tmp.file(
      'quotes.csv',
      [
        'call_id,sub_account,metric,seconds,start_time,cost', // 1
        'q1,AC1,call_seconds,1,2026-03-01T10:00:00Z,', // 2
        'q2,AC"1,call_seconds,1,2026-03-01T10:00:00Z,', // 3 stray quote
        'q3,5" and 7" screens,call_seconds,1,2026-03-01T10:00:00Z,', // 4 two stray quotes: one row, one reason
        'q3,5" and 7" screens,call_seconds,1,2026-03-01T10:00:00Z,', // 5 the same again: its own row
        'q4,AC1,call_seconds,1,2026-03-01T10:00:00Z,', // 6
        'q5,"AC1"x,call_seconds,1,2026-03-01T10:00:00Z,', // row 7 (line 7): text after a closing quote: read up to the next quote
        'q6,AC1,call_seconds,1,2026-03-01T10:00:00Z,"', // line 8: ...this quote ends row 7's value
        'q7,AC1,call_seconds,1,2026-03-01T10:00:00Z,', // row 8 (line 9)
        'q8,"AC1,call_seconds,1,2026-03-01T10:00:00Z,', // row 9 (line 10): never closed: the rest of the file
        'q9,AC1,call_seconds,1,2026-03-01T10:00:00Z,', // line 11
      ].join('\n'),
    );
    const out = await readAll(path, CALLS_MAPPING);
    expect(out.events.map((e) => e.externalId)).toEqual(['q1', 'q4', 'q7']);
    expect(out.rejected).toEqual([
      {
        position: 3,
        reason:
          'Row 3: a quote (") appears inside an unquoted value in column "sub_account"; put quotes around the whole value and double the quote inside it (e.g. "5"" screen")',
      },
      { position: 4, reason: expect.stringMatching(/^Row 4: a quote \("\) appears inside an unquoted value in column "sub_account"/) },
      { position: 5, reason: expect.stringMatching(/^Row 5: a quote/) },
      {
        position: 7,
        reason:
          'Row 7: a closing quote in column "sub_account" is followed by "x" instead of a delimiter, so everything up to the next quote was read into this row and skipped (the row starts on line 7); fix the quotes',
      },
      {
        position: 9,
        reason:
          'Row 9: a quote (") opened in column "sub_account" is never closed, so the rest of the file (lines 10–11) was read as one value and skipped; close the quote',
      },
    ]);
  });

  it('stops with record_too_large when a quote never closes in a large file', async () => {
    const rows = ['call_id,sub_account,metric,seconds,start_time,cost', 'a,"never closed,call_seconds,1,2026-03-01T10:00:00Z,'];
    for (let i = 0; i < 5000; i++) rows.push(`r${i},AC1,call_seconds,1,2026-03-01T10:00:00Z,`);
    const path = tmp.file('runaway.csv', rows.join('\n'));
    const read = readAll(path, CALLS_MAPPING, { maxRecordBytes: 64 * 1024 });
    await expect(read).rejects.toMatchObject({ code: 'record_too_large', message: 'Row 2: no end of row within 64 KB. Usually a quote (") opens a value and is never closed; check the quotes on that row.' });
  });

  it('keeps unassigned usage (empty client key) and applies metric aliases case-insensitively', async () => {
    const path = tmp.file(
      'alias.csv',
      ['id,client,type,qty,date', 'a1,,Voice Minutes,2,2026-03-01', 'a2,acct_9,voice minutes ,1,2026-03-02', 'a3,acct_9,SMS,4,2026-03-02', 'a4,acct_9,Call_Seconds,4,2026-03-02'].join('\n'),
    );
    const out = await readAll(path, {
      format: 'csv',
      columns: {
        externalId: 'id',
        clientKey: 'client',
        clientKeyPrefix: 'account:',
        metric: 'type',
        quantity: 'qty',
        quantityScale: 'none',
        occurredAt: 'date',
        timestampFormat: 'date',
        timeZone: 'UTC',
      },
      metricAliases: { 'Voice Minutes': 'call_seconds' },
    });
    expect(out.rejected).toEqual([]);
    expect(out.events.map((e) => [e.externalId, e.clientKey, e.metricKey])).toEqual([
      ['a1', null, 'call_seconds'],
      ['a2', 'account:acct_9', 'call_seconds'],
      ['a3', 'account:acct_9', 'sms'],
      ['a4', 'account:acct_9', 'call_seconds'],
    ]);
  });

  it('scales minutes and milliseconds to seconds, rounding up', async () => {
    const path = tmp.file('minutes.csv', ['id,minutes,ms,at', 'm1,1.5,1500,2026-03-01T00:00:00Z', 'm2,0.01,1000,2026-03-01T00:00:00Z', 'm3,2,1,2026-03-01T00:00:00Z', 'm4,0,0,2026-03-01T00:00:00Z', 'm5,-0.5,-1,2026-03-01T00:00:00Z'].join('\n'));
    const base = { format: 'csv', columns: { externalId: 'id', clientKey: { constant: 'sub_account:AC1' }, metric: { constant: 'call_seconds' }, occurredAt: 'at', timeZone: 'UTC' } } as const;
    const minutes = await readAll(path, { ...base, columns: { ...base.columns, quantity: 'minutes', quantityScale: 'minutes_to_seconds' } });
    expect(minutes.events.map((e) => [e.externalId, e.quantity])).toEqual([
      ['m1', 90],
      ['m2', 1], // 0.6 s rounds up
      ['m3', 120],
      ['m4', 0],
    ]);
    expect(minutes.rejected.map((r) => r.reason)).toEqual(['Row 6: quantity "-0.5" is negative']);
    const ms = await readAll(path, { ...base, columns: { ...base.columns, quantity: 'ms', quantityScale: 'ms_to_seconds' } });
    expect(ms.events.map((e) => e.quantity)).toEqual([2, 1, 1, 0]);
    expect(ms.events[0]!.clientKey).toBe('sub_account:AC1');
  });

  it('reads dates and naive timestamps in the mapping time zone', async () => {
    const days = await readAll(tmp.file('days.csv', ['id,q,day', 'd1,1,2026-03-08', 'd2,1,2026-03-09', 'd3,1,2026-02-29', 'd4,1,2026-13-01'].join('\n')), {
      format: 'csv',
      columns: { externalId: 'id', clientKey: { constant: 'sub_account:AC1' }, metric: { constant: 'sms' }, quantity: 'q', occurredAt: 'day', timestampFormat: 'date', timeZone: 'America/New_York' },
    });
    // 2026-03-08 is the day New York switches to summer time (at 02:00): midnight is still EST (-05:00), the next midnight is EDT (-04:00).
    expect(days.events.map((e) => e.occurredAt)).toEqual([utc('2026-03-08T05:00:00Z'), utc('2026-03-09T04:00:00Z')]);
    expect(days.rejected.map((r) => r.reason)).toEqual([
      'Row 4: date "2026-02-29" is not a valid date (no such day)',
      'Row 5: date "2026-13-01" is not a valid date (no such day)',
    ]);

    const kathmandu = await readAll(tmp.file('ktm.csv', ['id,q,local', 'k1,1,2026-03-08T10:00:00', 'k2,1,2026-03-08 10:00', 'k3,1,2026-03-08T10:00:00+01:00', 'k4,1,2026-03-08T24:00:00'].join('\n')), {
      format: 'csv',
      columns: { externalId: 'id', clientKey: { constant: 'sub_account:AC1' }, metric: { constant: 'sms' }, quantity: 'q', occurredAt: 'local', timeZone: 'Asia/Kathmandu' },
    });
    // Kathmandu is UTC+05:45; an explicit offset wins over the zone.
    expect(kathmandu.events.map((e) => e.occurredAt)).toEqual([utc('2026-03-08T04:15:00Z'), utc('2026-03-08T04:15:00Z'), utc('2026-03-08T09:00:00Z')]);
    expect(kathmandu.rejected.map((r) => r.reason)).toEqual(['Row 5: date "2026-03-08T24:00:00" is not a valid iso timestamp (no such date or time)']);

    const newYork = await readAll(tmp.file('ny.csv', ['id,q,local', 'n1,1,2026-03-08 01:30:00', 'n2,1,2026-03-08 03:30:00'].join('\n')), {
      format: 'csv',
      columns: { externalId: 'id', clientKey: { constant: 'sub_account:AC1' }, metric: { constant: 'sms' }, quantity: 'q', occurredAt: 'local', timeZone: 'America/New_York' },
    });
    expect(newYork.events.map((e) => e.occurredAt)).toEqual([utc('2026-03-08T06:30:00Z'), utc('2026-03-08T07:30:00Z')]);
  });

  it('reads unix seconds, unix milliseconds and custom formats, and refuses implausible dates', async () => {
    const path = tmp.file('unix.csv', ['id,q,at', 'u1,1,1772928000', 'u2,1,1772928000.5', 'u3,1,1772928000000'].join('\n'));
    const cols = { externalId: 'id', clientKey: { constant: 'sub_account:AC1' }, metric: { constant: 'sms' }, quantity: 'q', occurredAt: 'at' } as const;
    const unix = await readAll(path, { format: 'csv', columns: { ...cols, timestampFormat: 'unix' } });
    expect(unix.events.map((e) => e.occurredAt)).toEqual([1772928000000, 1772928000500]);
    expect(unix.rejected.map((r) => r.reason)).toEqual([
      'Row 4: date "1772928000000" reads as far outside 1990–2099; if it counts milliseconds, choose the unix_ms format',
    ]);
    const ms = await readAll(path, { format: 'csv', columns: { ...cols, timestampFormat: 'unix_ms' } });
    expect(ms.events.map((e) => e.occurredAt)).toEqual([1772928000000]);
    expect(ms.rejected[0]!.reason).toBe('Row 2: date "1772928000" reads as 1970-01-21, outside 1990–2099; if it counts seconds, choose the unix format');

    const custom = await readAll(tmp.file('custom.csv', ['id,q,at', 'c1,1,08/03/2026 14:30', 'c2,1,31/02/2026 10:00'].join('\n')), {
      format: 'csv',
      columns: { ...cols, timestampFormat: 'dd/MM/yyyy HH:mm', timeZone: 'Europe/Berlin' },
    });
    expect(custom.events.map((e) => e.occurredAt)).toEqual([utc('2026-03-08T13:30:00Z')]);
    expect(custom.rejected.map((r) => r.reason)).toEqual(['Row 3: date "31/02/2026 10:00" is not a date in the format "dd/MM/yyyy HH:mm"']);
  });

  it('rejects a repeated event id, naming the row it was first seen on', async () => {
    const path = tmp.file(
      'dups.csv',
      [
        'call_id,sub_account,metric,seconds,start_time,cost',
        'd1,AC1,call_seconds,1,2026-03-01T10:00:00Z,',
        'd2,AC1,call_seconds,-1,2026-03-01T10:00:00Z,', // rejected: does not claim the id
        'd2,AC1,call_seconds,2,2026-03-01T10:00:00Z,',
        'd1,AC1,call_seconds,1,2026-03-01T10:00:00Z,',
        'd2,AC1,call_seconds,2,2026-03-01T10:00:00Z,',
      ].join('\n'),
    );
    const out = await readAll(path, CALLS_MAPPING);
    expect(out.events.map((e) => [e.externalId, e.quantity])).toEqual([
      ['d1', 1],
      ['d2', 2],
    ]);
    expect(out.rejected).toEqual([
      { position: 3, externalId: 'd2', reason: 'Row 3: quantity "-1" is negative' },
      { position: 5, externalId: 'd1', reason: 'Row 5: duplicate event id "d1" (first seen on row 2)' },
      { position: 6, externalId: 'd2', reason: 'Row 6: duplicate event id "d2" (first seen on row 4)' },
    ]);
  });

  it('reads a headerless file by column numbers, the first line being row 1', async () => {
    const path = tmp.file('noheader.csv', ['h1|AC1|sms|3|2026-03-01T10:00:00Z', 'h2|AC1|sms|x|2026-03-01T10:00:00Z', 'h3|AC1|sms|3'].join('\n'));
    const out = await readAll(path, {
      format: 'csv',
      csv: { delimiter: '|', hasHeader: false },
      columns: { externalId: 1, clientKey: 2, metric: 3, quantity: 4, occurredAt: 5, timeZone: 'UTC' },
    });
    expect(out.events.map((e) => e.externalId)).toEqual(['h1']);
    expect(out.rejected.map((r) => r.reason)).toEqual(['Row 2: quantity "x" is not a number', 'Row 3: has 4 columns but the first row has 5']);
  });

  it('yields batches of batchSize rows and reports progress', async () => {
    const lines = ['call_id,sub_account,metric,seconds,start_time,cost'];
    for (let i = 0; i < 2500; i++) lines.push(`b${i},AC1,call_seconds,${i % 3 === 0 ? -1 : 1},2026-03-01T10:00:00Z,`);
    const path = tmp.file('batches.csv', lines.join('\n'));
    const progress: Array<{ rows: number; bytes: number; totalBytes: number | null }> = [];
    const sizes: number[] = [];
    for await (const batch of readUsageFile(path, CALLS_MAPPING, {
      knownMetricKeys: BUILT_IN_METRICS,
      batchSize: 1000,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p),
    })) {
      sizes.push(batch.rowsRead);
      expect(batch.events.length + batch.rejected.length).toBe(batch.rowsRead);
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    const size = Buffer.byteLength(lines.join('\n'));
    expect(progress.at(-1)).toEqual({ rows: 2500, bytes: size, totalBytes: size });
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });

  it('stops when the signal aborts, closing the file', async () => {
    const lines = ['call_id,sub_account,metric,seconds,start_time,cost'];
    for (let i = 0; i < 50_000; i++) lines.push(`s${i},AC1,call_seconds,1,2026-03-01T10:00:00Z,`);
    const path = tmp.file('cancel.csv', lines.join('\n'));
    const controller = new AbortController();
    let rows = 0;
    const run = async () => {
      for await (const batch of readUsageFile(path, CALLS_MAPPING, { knownMetricKeys: BUILT_IN_METRICS, batchSize: 100, signal: controller.signal })) {
        rows += batch.rowsRead;
        if (rows >= 300) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(rows).toBe(300);

    // An abort while the reader waits for data (a stream that never ends) also ends it.
    const stalled = new Readable({ read() {} });
    stalled.push('call_id,sub_account,metric,seconds,start_time,cost\nx,AC1,call_seconds,1,2026-03-01T10:00:00Z,\n');
    const late = new AbortController();
    setTimeout(() => late.abort(new Error('user cancelled')), 50);
    await expect(readAll(stalled, CALLS_MAPPING, { signal: late.signal })).rejects.toThrow('user cancelled');
    expect(stalled.destroyed).toBe(true);
  });

  it('reads from a Readable as well as from a path', async () => {
    const stream = Readable.from(['call_id,sub_account,metric,seconds,start_time,cost\n', 'r1,AC1,sms,1,2026-03-01T10:00:00Z,\nr2,AC1,s', 'ms,1,2026-03-01T10:00:00Z,\n']);
    const out = await readAll(stream, CALLS_MAPPING);
    expect(out.events.map((e) => e.externalId)).toEqual(['r1', 'r2']);
  });
});

describe('readUsageFile: what aborts the whole file', () => {
  const expectError = async (promise: Promise<unknown>, code: string, message: string | RegExp) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).code).toBe(code);
    if (typeof message === 'string') expect((error as ImportFileError).message).toBe(message);
    else expect((error as ImportFileError).message).toMatch(message);
  };

  it('a mapped column missing from the header', async () => {
    const path = tmp.file('cols.csv', 'call_id,account,metric,seconds,start_time,cost\n');
    await expectError(
      readAll(path, CALLS_MAPPING),
      'column_not_found',
      'The file has no column "sub_account" (mapped to the client key). Its columns are: "call_id", "account", "metric", "seconds", "start_time", "cost".',
    );
  });

  it('header names match regardless of case and spaces, but not twice', async () => {
    const ok = await readAll(tmp.file('case.csv', 'Call_ID , SUB_ACCOUNT,Metric,Seconds,Start_Time,Cost\nc1,AC1,sms,1,2026-03-01T10:00:00Z,\n'), CALLS_MAPPING);
    expect(ok.events).toHaveLength(1);
    await expectError(
      readAll(tmp.file('twice.csv', 'call_id,sub_account,metric,seconds,start_time,cost,Call_ID\n'), { ...CALLS_MAPPING, columns: { ...CALLS_MAPPING.columns, externalId: 'call_ID' } }),
      'column_not_found',
      'Column "call_ID" (mapped to the event id) appears 2 times in the header (columns 1, 7); map it by number instead.',
    );
  });

  it('an unknown constant metric or alias target', async () => {
    const path = tmp.file('m.csv', 'call_id,sub_account,metric,seconds,start_time,cost\n');
    await expectError(readAll(path, { ...CALLS_MAPPING, columns: { ...CALLS_MAPPING.columns, metric: { constant: 'minutes' } } }), 'unknown_metric', /^The mapping's metric "minutes" is not a metric \(known: ai_tokens/);
    await expectError(readAll(path, { ...CALLS_MAPPING, metricAliases: { Minutes: 'call_minutes' } }), 'unknown_metric', /^Metric alias "Minutes" points to "call_minutes", which is not a metric/);
  });

  it('an invalid mapping, a missing file, an empty file, a malformed header', async () => {
    await expectError(
      readAll(tmp.file('x.csv', 'a\n'), { ...CALLS_MAPPING, columns: { ...CALLS_MAPPING.columns, timeZone: 'Mars/Olympus' } }),
      'invalid_mapping',
      '"Mars/Olympus" is not an IANA time zone (e.g. Europe/London, Asia/Kolkata).',
    );
    await expectError(readAll(`${tmp.dir}/nope.csv`, CALLS_MAPPING), 'file_unreadable', /^Cannot read ".*nope\.csv": it does not exist \(moved or deleted\?\)\.$/);
    await expectError(readAll(tmp.dir, CALLS_MAPPING), 'file_unreadable', /is a folder, not a file\.$/);
    await expectError(readAll(tmp.file('empty.csv', ''), CALLS_MAPPING), 'empty_file', 'The file is empty.');
    await expectError(readAll(tmp.file('blank-header.csv', '\nc1,AC1\n'), CALLS_MAPPING), 'empty_file', 'Row 1 should be the header row (column names) but it is empty.');
    await expectError(readAll(tmp.file('bad-header.csv', 'call_id,sub"account\nc1,AC1\n'), CALLS_MAPPING), 'malformed_header', /^The header row \(row 1\) is not valid CSV: a quote/);
  });

  it('a header-only file is not an error: it has no rows', async () => {
    const out = await readAll(tmp.file('header-only.csv', 'call_id,sub_account,metric,seconds,start_time,cost\n'), CALLS_MAPPING);
    expect(out).toEqual({ events: [], positions: [], rejected: [], rowsRead: 0, batches: 0 });
  });
});

describe('readUsageFile: JSON lines', () => {
  const mapping = {
    format: 'jsonl',
    columns: {
      externalId: 'id',
      clientKey: 'account.sid',
      clientKeyPrefix: 'sub_account:',
      metric: 'category',
      quantity: 'usage.seconds',
      occurredAt: 'created',
      timestampFormat: 'unix',
      cost: 'price',
      costCurrency: 'price_unit',
      attrs: { phoneNumber: 'to', segments: 'segments' },
    },
    metricAliases: { calls: 'call_seconds' },
  } as const;

  it('maps objects by key and dot path, and rejects malformed lines by line number', async () => {
    const path = tmp.file(
      'usage.jsonl',
      [
        '{"id":"j1","account":{"sid":"AC1"},"category":"calls","usage":{"seconds":42},"created":1772928000,"price":0.0069,"price_unit":"usd","to":"+15551234567","segments":[{"kind":"ai","seconds":42}]}',
        '',
        '{"id":"j2","account":{"sid":"AC1"},"category":"calls","usage":{"seconds":1},"created":1772928000,', // truncated
        '[1,2,3]',
        '{"id":12345,"account":{"sid":null},"category":"sms","usage":{"seconds":"3"},"created":"1772928001","price":"0.01","price_unit":""}',
        '{"id":123456789012345678901,"account":{"sid":"AC1"},"category":"sms","usage":{"seconds":1},"created":1772928000}',
        '{"id":"j5","account":{"sid":"AC1"},"category":"sms","usage":{"seconds":{"n":1}},"created":1772928000,"price_unit":"dollars"}',
        '{"id.with.dots":"x"}',
      ].join('\r\n'),
    );
    const out = await readAll(path, mapping);
    expect(out.events).toEqual([
      {
        externalId: 'j1',
        clientKey: 'sub_account:AC1',
        metricKey: 'call_seconds',
        quantity: 42,
        occurredAt: 1772928000000,
        cost: '0.0069',
        costCurrency: 'USD',
        attrs: { phoneNumber: '+15551234567', segments: [{ kind: 'ai', seconds: 42 }] },
      },
      { externalId: '12345', clientKey: null, metricKey: 'sms', quantity: 3, occurredAt: 1772928001000, cost: '0.01', costCurrency: null, attrs: null },
    ]);
    expect(out.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^Line 3: invalid JSON \(.+\)$/),
      'Line 4: expected a JSON object ({"call_id": ...}), got a list',
      'Line 6: event id 123456789012345680000 is a number too large to read exactly; write it as a string ("...") in the file',
      'Line 7: quantity is an object ({"n":1}), expected text or a number; currency "dollars" is not an ISO 4217 code (e.g. USD, EUR)',
      'Line 8: missing event id (key "id" is missing or empty); missing metric (key "category" is missing or empty); missing quantity (key "usage.seconds" is missing or empty); missing date (key "created" is missing or empty)',
    ]);
    expect(out.rejected.map((r) => r.position)).toEqual([3, 4, 6, 7, 8]);
    expect(out.positions).toEqual([1, 5]);
    expect(out.rowsRead).toBe(8);
  });

  it('rejects an over-long line on its own and keeps reading', async () => {
    const good = '{"id":"g","account":{"sid":"AC1"},"category":"sms","usage":{"seconds":1},"created":1772928000}';
    const path = tmp.file('long.jsonl', `\uFEFF${good}\n{"id":"${'x'.repeat(200_000)}"}\n${good.replace('"g"', '"h"')}`);
    const out = await readAll(path, mapping, { maxRecordBytes: 100_000 });
    expect(out.events.map((e) => e.externalId)).toEqual(['g', 'h']);
    expect(out.rejected.map((r) => r.reason)).toEqual(['Line 2: the line is longer than 98 KB']);
  });
});
