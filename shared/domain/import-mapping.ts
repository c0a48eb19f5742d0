// Runs anywhere (main, renderer, CLI). No Node, no DOM.
//
// How the columns of a usage file (CSV or JSON lines) become usage events. The import wizard edits
// one of these, main validates it with `ImportMapping` and hands it to the file reader
// (electron/ingest/file). A mapping is plain JSON, so it can be saved per provider account and reused.
//
// Example (a Vapi-style call export):
//   {
//     format: 'csv',
//     csv: { delimiter: ';', decimalSeparator: ',' },
//     columns: {
//       externalId: 'call_id',
//       clientKey: 'assistant_id', clientKeyPrefix: 'assistant:',
//       metric: { constant: 'call_seconds' },
//       quantity: 'duration_minutes', quantityScale: 'minutes_to_seconds',
//       occurredAt: 'started_at', timestampFormat: 'iso', timeZone: 'Europe/Berlin',
//       cost: 'cost', costCurrency: { constant: 'USD' },
//       attrs: { phoneNumber: 'from_number' },
//     },
//   }
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isCurrencyCode } from './currencies';
import { timeZone } from './fields';

/**
 * Where a value comes from: a header name (CSV with a header row; a key of a JSON lines record, where a
 * dot path such as `"usage.seconds"` reaches into nested objects) or a 1-based column number (CSV only).
 */
export const ColumnRef = z.union(
  [
    z.string().trim().min(1, { error: 'A column name cannot be empty.' }).max(200, { error: 'A column name must be at most 200 characters.' }),
    z.number().int().min(1, { error: 'Column numbers start at 1 (the first column).' }),
  ],
  { error: 'A column is a header name (e.g. "call_id") or a column number starting at 1.' },
);
export type ColumnRef = z.infer<typeof ColumnRef>;

/** Metric keys look like the built-ins: `call_seconds`, `ai_tokens`. Whether the key exists is checked when the file is read. */
export const metricKey = z
  .string({ error: 'Choose a metric.' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, {
    error: (iss) => `"${String(iss.input)}" is not a metric key (lower-case letters, digits and _, e.g. call_seconds).`,
  });

/** A value that is the same on every row. */
export const Constant = <T extends z.ZodType>(value: T) => z.object({ constant: value }).strict();

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export const QUANTITY_SCALES = ['none', 'minutes_to_seconds', 'hours_to_seconds', 'ms_to_seconds'] as const;
export const NAMED_TIMESTAMP_FORMATS = ['iso', 'unix', 'unix_ms', 'date'] as const;

/** Scale factors applied to quantities before rounding (see `QuantityScale`). */
export const QUANTITY_SCALE_FACTORS: Record<QuantityScale, { multiply: number; divide: number }> = {
  none: { multiply: 1, divide: 1 },
  minutes_to_seconds: { multiply: 60, divide: 1 },
  hours_to_seconds: { multiply: 3600, divide: 1 },
  ms_to_seconds: { multiply: 1, divide: 1000 },
};

export const CsvOptions = z
  .object({
    delimiter: z.enum(CSV_DELIMITERS, { error: 'The delimiter must be a comma, a semicolon, a tab or a pipe (|).' }).default(','),
    /** false: no header row; every column is then referred to by number, and the first line is row 1. */
    hasHeader: z.boolean().default(true),
    /** The only encoding read; a UTF-8 byte-order mark is stripped. Save Excel exports as "CSV UTF-8". */
    encoding: z.literal('utf-8', { error: 'Only UTF-8 files can be imported (in Excel: Save As "CSV UTF-8").' }).default('utf-8'),
    /**
     * Decimal separator of quantity and cost values. With ',' a value such as "12,50" reads as 12.5 and a dot
     * is refused (it is a thousands separator in those locales). Thousands separators are never accepted.
     */
    decimalSeparator: z.enum(['.', ','], { error: 'The decimal separator must be a dot or a comma.' }).default('.'),
  })
  .strict();
export type CsvOptions = z.infer<typeof CsvOptions>;

/**
 * How a quantity in the file becomes an integer in the metric's base unit.
 * - `none`: the file already holds whole base units; a fractional value ("1.5") rejects the row instead of
 *   being rounded, because it usually means the wrong column or unit was mapped.
 * - `minutes_to_seconds`, `hours_to_seconds`, `ms_to_seconds`: the value is scaled exactly (decimal
 *   arithmetic) and then rounded UP to a whole second, the way telephony providers bill every started
 *   second: 0.5 min -> 30 s, 0.01 min (0.6 s) -> 1 s, 1500 ms -> 2 s, 1000 ms -> 1 s.
 */
export const QuantityScale = z.enum(QUANTITY_SCALES, {
  error: 'The quantity scale must be none, minutes_to_seconds, hours_to_seconds or ms_to_seconds.',
});
export type QuantityScale = z.infer<typeof QuantityScale>;

/**
 * - `iso`: ISO 8601 (`2026-03-08T14:30:00Z`, `2026-03-08T14:30:00+05:45`, `2026-03-08 14:30:00`, `2026-03-08`);
 *   values without an offset are local times in `timeZone`.
 * - `unix`: seconds since 1970-01-01 UTC (decimals allowed, kept to the millisecond); `unix_ms`: milliseconds.
 * - `date`: `YYYY-MM-DD`, the start of that day in `timeZone`.
 * - anything else: a Luxon format string with at least year, month and day, e.g. `dd/MM/yyyy HH:mm`
 *   (https://moment.github.io/luxon/#/parsing?id=table-of-tokens), read in `timeZone` unless it has an offset token.
 */
export const TimestampFormat = z.string({ error: 'Choose a timestamp format.' }).trim().refine(isTimestampFormat, {
  error: (iss) =>
    `Timestamp format "${String(iss.input)}" is not iso, unix, unix_ms, date, or a Luxon format with year, month and day (e.g. "dd/MM/yyyy HH:mm").`,
});
export type TimestampFormat = z.infer<typeof TimestampFormat>;

const clientKeyPrefix = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}:$/, {
    error: (iss) => `Client key prefix "${String(iss.input)}" must be a kind followed by a colon, e.g. "sub_account:" or "assistant:".`,
  });

const currencyConstant = z
  .string()
  .trim()
  .refine((s) => isCurrencyCode(s.toUpperCase()), { error: (iss) => `"${String(iss.input)}" is not an ISO 4217 currency code (e.g. USD, EUR, JPY).` })
  .transform((s) => s.toUpperCase());

const attrName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { error: 'Attribute names are letters, digits and _ (e.g. phoneNumber).' });

export const ColumnMapping = z
  .object({
    /** The provider's id of the event (call id, message id): the idempotency key. Required on every row. */
    externalId: ColumnRef,
    /**
     * The provider-side id the client is resolved from (the ledger writer matches it against the client
     * mappings). An empty cell gives an unassigned event (clientKey null), which is kept, not rejected.
     */
    clientKey: z.union([ColumnRef, Constant(z.string().trim().min(1, { error: 'Enter the client key.' }).max(200))], {
      error: 'The client key is a column, or { constant: "sub_account:AC123" } for a file of one client.',
    }),
    /** Prepended to every non-empty client key from the column, unless the value already starts with it. */
    clientKeyPrefix: clientKeyPrefix.optional(),
    /** A column holding metric keys (or aliases, see `metricAliases`), or one metric for the whole file. */
    metric: z.union([ColumnRef, Constant(metricKey)], {
      error: 'The metric is a column, or { constant: "call_seconds" } when every row counts the same thing.',
    }),
    quantity: ColumnRef,
    quantityScale: QuantityScale.default('none'),
    occurredAt: ColumnRef,
    timestampFormat: TimestampFormat.default('iso'),
    /** IANA zone for timestamps without an offset (`iso` without offset, `date`, custom formats). Not used for unix formats. */
    timeZone: timeZone.optional(),
    /** The provider's cost of the event, a decimal number; an empty cell means "price from the rate card". */
    cost: ColumnRef.optional(),
    /** ISO 4217 code of the cost, from a column or constant; absent or empty = the provider account's currency. */
    costCurrency: z
      .union([ColumnRef, Constant(currencyConstant)], { error: 'The cost currency is a column, or { constant: "USD" }.' })
      .optional(),
    /** Extra attributes some metrics need, e.g. { phoneNumber: "from_number" } for unique phone numbers. Empty cells are left out. */
    attrs: z.record(attrName, ColumnRef).optional(),
  })
  .strict();
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const ImportMapping = z
  .object({
    format: z.enum(['csv', 'jsonl'], { error: 'The file format must be csv or jsonl (JSON lines).' }),
    /** CSV only; defaults: comma, header row, UTF-8, dot decimals. Ignored for JSON lines. */
    csv: CsvOptions.optional(),
    columns: ColumnMapping,
    /**
     * File value -> metric key, e.g. { "Voice Minutes": "call_seconds", "SMS": "sms" }. Matching is
     * case-insensitive and ignores surrounding spaces. A value that is itself a known metric key needs no alias.
     */
    metricAliases: z
      .record(z.string().trim().min(1, { error: 'A metric alias cannot be empty.' }).max(200), metricKey)
      .optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const hasHeader = m.format === 'jsonl' || (m.csv?.hasHeader ?? true);
    for (const [path, ref] of columnRefs(m.columns)) {
      if (typeof ref === 'number' && m.format === 'jsonl') {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', ...path],
          message: `Column ${ref} cannot be used with a JSON lines file: name the key instead (e.g. "call_id").`,
        });
      } else if (typeof ref === 'string' && !hasHeader) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', ...path],
          message: `The file has no header row, so columns are numbers (1 = first column); "${ref}" is a name.`,
        });
      }
    }
    const fmt = m.columns.timestampFormat;
    if (fmt !== 'unix' && fmt !== 'unix_ms' && m.columns.timeZone === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['columns', 'timeZone'],
        message: `Choose the time zone of timestamps without an offset (format "${fmt}"), e.g. the agency's time zone.`,
      });
    }
    const seen = new Map<string, string>();
    for (const alias of Object.keys(m.metricAliases ?? {})) {
      const folded = alias.trim().toLowerCase();
      const other = seen.get(folded);
      if (other !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['metricAliases', alias],
          message: `Metric aliases "${other}" and "${alias}" differ only in case or spaces; keep one.`,
        });
      }
      seen.set(folded, alias);
    }
  });
/** A validated mapping with defaults applied. */
export type ImportMapping = z.infer<typeof ImportMapping>;
/** What the wizard edits and saves (defaults optional). */
export type ImportMappingInput = z.input<typeof ImportMapping>;

/** Every column the mapping reads, with its path inside `columns` (for messages and header checks). */
export function columnRefs(columns: ColumnMapping): Array<[Array<string>, ColumnRef]> {
  const refs: Array<[Array<string>, ColumnRef]> = [
    [['externalId'], columns.externalId],
    [['quantity'], columns.quantity],
    [['occurredAt'], columns.occurredAt],
  ];
  if (!isConstant(columns.clientKey)) refs.push([['clientKey'], columns.clientKey]);
  if (!isConstant(columns.metric)) refs.push([['metric'], columns.metric]);
  if (columns.cost !== undefined) refs.push([['cost'], columns.cost]);
  if (columns.costCurrency !== undefined && !isConstant(columns.costCurrency)) refs.push([['costCurrency'], columns.costCurrency]);
  for (const [name, ref] of Object.entries(columns.attrs ?? {})) refs.push([['attrs', name], ref]);
  return refs;
}

export function isConstant<T>(v: ColumnRef | { constant: T }): v is { constant: T } {
  return typeof v === 'object' && v !== null && 'constant' in v;
}

/** True for the named formats and for Luxon formats that read back year, month and day. */
export function isTimestampFormat(format: string): boolean {
  if ((NAMED_TIMESTAMP_FORMATS as readonly string[]).includes(format)) return true;
  if (format.length === 0 || format.length > 100) return false;
  // A format is usable when a known instant formatted with it parses back to the same calendar day.
  const sample = DateTime.fromObject({ year: 2031, month: 11, day: 23, hour: 14, minute: 37, second: 52 }, { zone: 'UTC' });
  const text = sample.toFormat(format);
  const back = DateTime.fromFormat(text, format, { zone: 'UTC' });
  return back.isValid && back.year === 2031 && back.month === 11 && back.day === 23;
}

// ---------------------------------------------------------------------------------------------------
// Guessing a mapping from a header row, for the wizard's first screen.

const GUESSES: Array<[keyof GuessedColumns, RegExp[]]> = [
  ['externalId', [/^(event|call|message|msg|record|usage|request|transaction|interaction|session)[ _-]?(id|sid|uuid)$/, /^(id|uuid|sid)$/]],
  ['clientKey', [/^(sub[ _-]?account|subaccount|account[ _-]?sid|account[ _-]?id|customer|customer[ _-]?id|client|client[ _-]?id|tenant|tenant[ _-]?id|assistant[ _-]?id|agent[ _-]?id|project[ _-]?id|location[ _-]?id|sub[ _-]?account[ _-]?id|account)$/]],
  ['metric', [/^(metric|metric[ _-]?key|category|usage[ _-]?type|type|kind|product|sku)$/]],
  ['quantity', [/^(quantity|qty|count|usage|units|amount[ _-]?used|duration|duration[ _-]?(s|sec|secs|seconds)|seconds|billable[ _-]?seconds|duration[ _-]?(ms|millis|milliseconds)|duration[ _-]?(m|min|mins|minutes)|minutes|tokens)$/]],
  ['occurredAt', [/^(timestamp|time|date|datetime|date[ _-]?time|created|created[ _-]?(at|on|time|date)|start[ _-]?(time|date|at|ed[ _-]?at)|started[ _-]?at|occurred[ _-]?at|event[ _-]?time)$/]],
  ['cost', [/^(cost|price|amount|charge|total|total[ _-]?cost|cost[ _-]?usd|price[ _-]?usd)$/]],
  ['costCurrency', [/^(currency|cost[ _-]?currency|price[ _-]?unit|currency[ _-]?code)$/]],
];

export interface GuessedColumns {
  externalId?: string;
  clientKey?: string;
  metric?: string;
  quantity?: string;
  occurredAt?: string;
  cost?: string;
  costCurrency?: string;
}

/**
 * Proposes columns from common header names (id, call_id, event_id; client, customer, account_sid,
 * sub_account; metric, category, type; quantity, count, usage, duration, seconds; timestamp, date,
 * created_at, start_time; cost, price, amount; currency). Each header is used at most once, earlier
 * patterns win. Also proposes a quantity scale from the unit in the quantity header ("duration_ms",
 * "minutes"). The user confirms everything in the wizard; nothing here is trusted.
 */
export function guessMapping(headers: readonly string[]): { columns: GuessedColumns; quantityScale?: QuantityScale } {
  const normalized = headers.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const used = new Set<number>();
  const columns: GuessedColumns = {};
  for (const [field, patterns] of GUESSES) {
    search: for (const pattern of patterns) {
      for (let i = 0; i < normalized.length; i++) {
        if (!used.has(i) && pattern.test(normalized[i]!)) {
          columns[field] = headers[i]!;
          used.add(i);
          break search;
        }
      }
    }
  }
  const q = columns.quantity?.trim().toLowerCase();
  let quantityScale: QuantityScale | undefined;
  if (q !== undefined) {
    if (/(^|[ _-])(ms|millis|milliseconds)$/.test(q)) quantityScale = 'ms_to_seconds';
    else if (/(^|[ _-])(m|min|mins|minutes)$/.test(q)) quantityScale = 'minutes_to_seconds';
  }
  return quantityScale === undefined ? { columns } : { columns, quantityScale };
}
