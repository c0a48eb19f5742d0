import { describe, expect, it } from 'vitest';
import { guessMapping, ImportMapping, isTimestampFormat, type ImportMappingInput } from './import-mapping';

const base = {
  format: 'csv',
  columns: { externalId: 'call_id', clientKey: 'sub_account', metric: 'metric', quantity: 'seconds', occurredAt: 'start_time', timeZone: 'UTC' },
} satisfies ImportMappingInput;

const messages = (input: unknown) => {
  const result = ImportMapping.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('ImportMapping', () => {
  it('applies defaults', () => {
    const parsed = ImportMapping.parse({ ...base, csv: {} });
    expect(parsed.csv).toEqual({ delimiter: ',', hasHeader: true, encoding: 'utf-8', decimalSeparator: '.' });
    expect(parsed.columns.quantityScale).toBe('none');
    expect(parsed.columns.timestampFormat).toBe('iso');
  });

  it('accepts constants, column numbers, prefixes, attrs, aliases and custom formats', () => {
    const parsed = ImportMapping.parse({
      format: 'csv',
      csv: { delimiter: ';', decimalSeparator: ',' },
      columns: {
        externalId: 1,
        clientKey: { constant: 'sub_account:AC1' },
        metric: { constant: 'call_seconds' },
        quantity: 'Duration (min)',
        quantityScale: 'minutes_to_seconds',
        occurredAt: 'Date',
        timestampFormat: 'dd.MM.yyyy HH:mm',
        timeZone: 'Europe/Berlin',
        cost: 'Cost',
        costCurrency: { constant: 'eur' },
        attrs: { phoneNumber: 'From' },
      },
      metricAliases: { 'Voice Minutes': 'call_seconds' },
    });
    expect(parsed.columns.costCurrency).toEqual({ constant: 'EUR' });
  });

  it('gives specific messages', () => {
    expect(messages({ ...base, format: 'xlsx' })).toEqual(['format: The file format must be csv or jsonl (JSON lines).']);
    expect(messages({ ...base, csv: { delimiter: ':' } })).toEqual(['csv.delimiter: The delimiter must be a comma, a semicolon, a tab or a pipe (|).']);
    expect(messages({ ...base, csv: { encoding: 'latin1' } })).toEqual(['csv.encoding: Only UTF-8 files can be imported (in Excel: Save As "CSV UTF-8").']);
    expect(messages({ ...base, columns: { ...base.columns, externalId: 0 } })).toEqual(['columns.externalId: Column numbers start at 1 (the first column).']);
    expect(messages({ ...base, columns: { ...base.columns, externalId: '  ' } })).toEqual(['columns.externalId: A column name cannot be empty.']);
    expect(messages({ ...base, columns: { ...base.columns, quantity: 1.5 } })).toEqual([
      'columns.quantity: A column is a header name (e.g. "call_id") or a column number starting at 1.',
    ]);
    expect(messages({ ...base, columns: { ...base.columns, metric: { constant: 'Call Seconds' } } })).toEqual([
      'columns.metric.constant: "Call Seconds" is not a metric key (lower-case letters, digits and _, e.g. call_seconds).',
    ]);
    expect(messages({ ...base, columns: { ...base.columns, clientKeyPrefix: 'sub_account' } })).toEqual([
      'columns.clientKeyPrefix: Client key prefix "sub_account" must be a kind followed by a colon, e.g. "sub_account:" or "assistant:".',
    ]);
    expect(messages({ ...base, columns: { ...base.columns, quantityScale: 'minutes' } })).toEqual([
      'columns.quantityScale: The quantity scale must be none, minutes_to_seconds, hours_to_seconds or ms_to_seconds.',
    ]);
    expect(messages({ ...base, columns: { ...base.columns, timestampFormat: 'unixms' } })).toEqual([
      'columns.timestampFormat: Timestamp format "unixms" is not iso, unix, unix_ms, date, or a Luxon format with year, month and day (e.g. "dd/MM/yyyy HH:mm").',
    ]);
    expect(messages({ ...base, columns: { ...base.columns, timeZone: 'GMT+2' } })).toEqual([
      'columns.timeZone: "GMT+2" is not an IANA time zone (e.g. Europe/London, Asia/Kolkata).',
    ]);
    expect(messages({ ...base, metricAliases: { Minutes: 'Call Seconds' } })).toEqual([
      'metricAliases.Minutes: "Call Seconds" is not a metric key (lower-case letters, digits and _, e.g. call_seconds).',
    ]);
    expect(messages({ ...base, columns: { ...base.columns, costCurrency: { constant: 'dollars' } } })).toEqual([
      'columns.costCurrency.constant: "dollars" is not an ISO 4217 currency code (e.g. USD, EUR, JPY).',
    ]);
    expect(messages({ ...base, columns: { ...base.columns, unknownField: 'x' } })).toHaveLength(1);
  });

  it('checks fields against each other', () => {
    const { timeZone: _omit, ...noZone } = base.columns;
    expect(messages({ ...base, columns: noZone })).toEqual([
      'columns.timeZone: Choose the time zone of timestamps without an offset (format "iso"), e.g. the agency\'s time zone.',
    ]);
    expect(messages({ ...base, columns: { ...noZone, timestampFormat: 'unix_ms' } })).toEqual([]);
    expect(messages({ ...base, format: 'jsonl', columns: { ...base.columns, quantity: 4 } })).toEqual([
      'columns.quantity: Column 4 cannot be used with a JSON lines file: name the key instead (e.g. "call_id").',
    ]);
    expect(messages({ ...base, csv: { hasHeader: false }, columns: { ...base.columns, externalId: 1, clientKey: 2, metric: 3, quantity: 4 } })).toEqual([
      'columns.occurredAt: The file has no header row, so columns are numbers (1 = first column); "start_time" is a name.',
    ]);
    expect(messages({ ...base, metricAliases: { SMS: 'sms', ' sms ': 'sms' } })).toEqual([
      'metricAliases.sms: Metric aliases "SMS" and "sms" differ only in case or spaces; keep one.',
    ]);
    expect(messages({ ...base, columns: { ...base.columns, metric: { constant: 5 } } })).toEqual([
      'columns.metric: The metric is a column, or { constant: "call_seconds" } when every row counts the same thing.',
    ]);
  });

  it('recognizes Luxon formats that carry a full date', () => {
    expect(isTimestampFormat('dd/MM/yyyy')).toBe(true);
    expect(isTimestampFormat('M/d/yyyy h:mm a')).toBe(true);
    expect(isTimestampFormat("yyyy-MM-dd'T'HH:mm:ssZZ")).toBe(true);
    expect(isTimestampFormat('HH:mm')).toBe(false);
    expect(isTimestampFormat('MM/yyyy')).toBe(false);
    expect(isTimestampFormat('')).toBe(false);
  });
});

describe('guessMapping', () => {
  it('proposes columns from common header names', () => {
    expect(guessMapping(['Call ID', 'Account SID', 'Category', 'Duration', 'Start Time', 'Price', 'Currency', 'Notes'])).toEqual({
      columns: {
        externalId: 'Call ID',
        clientKey: 'Account SID',
        metric: 'Category',
        quantity: 'Duration',
        occurredAt: 'Start Time',
        cost: 'Price',
        costCurrency: 'Currency',
      },
    });
    expect(guessMapping(['id', 'customer', 'type', 'count', 'created_at', 'amount'])).toEqual({
      columns: { externalId: 'id', clientKey: 'customer', metric: 'type', quantity: 'count', occurredAt: 'created_at', cost: 'amount' },
    });
    expect(guessMapping(['event_id', 'sub_account', 'metric', 'duration_ms', 'timestamp'])).toEqual({
      columns: { externalId: 'event_id', clientKey: 'sub_account', metric: 'metric', quantity: 'duration_ms', occurredAt: 'timestamp' },
      quantityScale: 'ms_to_seconds',
    });
    expect(guessMapping(['minutes', 'date'])).toEqual({ columns: { quantity: 'minutes', occurredAt: 'date' }, quantityScale: 'minutes_to_seconds' });
    expect(guessMapping(['foo', 'bar'])).toEqual({ columns: {} });
  });
});
