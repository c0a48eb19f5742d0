import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewUsageFile, sniffDelimiter } from './preview-file';
import { BUILT_IN_METRICS, CALLS_MAPPING, tempDir } from './test-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const options = { knownMetricKeys: BUILT_IN_METRICS };

describe('previewUsageFile', () => {
  it('detects a semicolon CSV, shows the first rows and suggests a mapping', async () => {
    const lines = ['\uFEFFCall ID;Account SID;Category;Duration;Start Time;Price;Currency'];
    for (let i = 1; i <= 50; i++) lines.push(`c${i};AC${i};call_seconds;${i};2026-03-0${1 + (i % 9)} 10:00:00;0,${i};usd`);
    const path = tmp.file('export.txt', lines.join('\r\n'));
    const preview = await previewUsageFile(path, null, { ...options, rows: 3 });
    expect(preview.format).toBe('csv');
    expect(preview.csv).toEqual({ delimiter: ';', hasHeader: true, encoding: 'utf-8', decimalSeparator: '.' });
    expect(preview.headers).toEqual(['Call ID', 'Account SID', 'Category', 'Duration', 'Start Time', 'Price', 'Currency']);
    expect(preview.rows).toEqual([
      { position: 2, cells: ['c1', 'AC1', 'call_seconds', '1', '2026-03-02 10:00:00', '0,1', 'usd'] },
      { position: 3, cells: ['c2', 'AC2', 'call_seconds', '2', '2026-03-03 10:00:00', '0,2', 'usd'] },
      { position: 4, cells: ['c3', 'AC3', 'call_seconds', '3', '2026-03-04 10:00:00', '0,3', 'usd'] },
    ]);
    expect(preview.mapped).toBeNull();
    expect(preview.mappingError).toBeNull();
    expect(preview.suggested).toEqual({
      format: 'csv',
      csv: { delimiter: ';', decimalSeparator: ',' },
      columns: {
        externalId: 'Call ID',
        clientKey: 'Account SID',
        metric: 'Category',
        quantity: 'Duration',
        occurredAt: 'Start Time',
        cost: 'Price',
        costCurrency: 'Currency',
        timestampFormat: 'iso',
      },
    });
    expect(preview.totalBytes).toBe(Buffer.byteLength(lines.join('\r\n')));
  });

  it('maps the first rows with the given mapping, with the real import rules', async () => {
    const path = tmp.file(
      'calls.csv',
      [
        'call_id,sub_account,metric,seconds,start_time,cost',
        'p1,AC1,call_seconds,5,2026-03-01T10:00:00Z,',
        'p2,AC1,minutes,5,2026-03-01T10:00:00Z,',
        'p1,AC1,call_seconds,5,2026-03-01T10:00:00Z,',
        'p3,AC"1,call_seconds,5,2026-03-01T10:00:00Z,',
        'p4,AC1,call_seconds,5,2026-03-01T10:00:00Z,',
      ].join('\n'),
    );
    const preview = await previewUsageFile(path, CALLS_MAPPING, { ...options, rows: 4 });
    expect(preview.rows).toHaveLength(4);
    expect(preview.rows[3]).toEqual({ position: 5, error: expect.stringMatching(/^Row 5: a quote/) });
    expect(preview.mapped).toEqual([
      { position: 2, event: expect.objectContaining({ externalId: 'p1', quantity: 5, clientKey: 'sub_account:AC1' }) },
      { position: 3, reason: expect.stringMatching(/^Row 3: unknown metric "minutes"/) },
      { position: 4, reason: 'Row 4: duplicate event id "p1" (first seen on row 2)' },
      { position: 5, reason: expect.stringMatching(/^Row 5: a quote/) },
    ]);
  });

  it('reports a mapping that does not fit the file but still shows the rows', async () => {
    const path = tmp.file('calls.csv', 'id,client\nx,AC1\n');
    const preview = await previewUsageFile(path, CALLS_MAPPING, options);
    expect(preview.rows).toEqual([{ position: 2, cells: ['x', 'AC1'] }]);
    expect(preview.mapped).toBeNull();
    expect(preview.mappingError).toBe('The file has no column "call_id" (mapped to the event id). Its columns are: "id", "client".');
    const invalid = await previewUsageFile(path, { ...CALLS_MAPPING, columns: { ...CALLS_MAPPING.columns, quantity: 0 } }, options);
    expect(invalid.mappingError).toBe('Column numbers start at 1 (the first column).');
    expect(invalid.rows).toHaveLength(1);
  });

  it('shows JSON lines as a table of key paths', async () => {
    const path = tmp.file(
      'usage.ndjson',
      [
        '{"id":"j1","account":{"sid":"AC1"},"usage":{"seconds":42},"created":1772928000,"tags":["a"]}',
        'not json',
        '{"id":"j2","account":{"sid":"AC2"},"category":"sms","created":1772928060}',
      ].join('\n'),
    );
    const preview = await previewUsageFile(path, null, options);
    expect(preview.format).toBe('jsonl');
    expect(preview.csv).toBeNull();
    expect(preview.headers).toEqual(['id', 'account.sid', 'usage.seconds', 'created', 'tags', 'category']);
    expect(preview.rows).toEqual([
      { position: 1, cells: ['j1', 'AC1', '42', '1772928000', '["a"]', ''] },
      { position: 2, error: expect.stringMatching(/^Line 2: invalid JSON/) },
      { position: 3, cells: ['j2', 'AC2', '', '1772928060', '', 'sms'] },
    ]);
    expect(preview.suggested.columns).toMatchObject({ externalId: 'id', occurredAt: 'created', timestampFormat: 'unix' });
  });

  it('sniffs JSON lines by content and delimiters outside quotes', async () => {
    const preview = await previewUsageFile(tmp.file('usage.log', '{"id":"a"}\n'), null, options);
    expect(preview.format).toBe('jsonl');
    expect(sniffDelimiter('"a,b,c";d;e\n1,2,3,4')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('a|b|c,d')).toBe('|');
    expect(sniffDelimiter('single')).toBe(',');
  });
});
