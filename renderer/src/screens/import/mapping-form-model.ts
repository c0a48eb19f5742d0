// Runs in the renderer (pure). The import wizard's mapping form: one select per target field, holding a
// "source token", and its conversion to and from the contract's ImportMapping.
//
// Source tokens (what a <select> option's value is):
//   ''          nothing chosen (or "none" for optional fields)
//   'c:<name>'  a column by header name (CSV with a header row) or a JSON-lines key
//   'n:<n>'     a column by 1-based number (CSV without a header row)
//   'k:<text>'  a constant: the same value on every row (client key, metric key, currency)
import {
  CSV_DELIMITERS,
  guessMapping,
  ImportMapping,
  NAMED_TIMESTAMP_FORMATS,
  QUANTITY_SCALES,
  type ColumnRef,
  type ImportMappingInput,
  type QuantityScale,
} from '../../../../shared/domain/import-mapping';
import { zodFieldErrors, type FieldErrors } from '../../forms/field-errors';

export type Token = string;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
export type TimestampChoice = (typeof NAMED_TIMESTAMP_FORMATS)[number] | 'custom';

export interface MappingFormValues {
  format: 'csv' | 'jsonl';
  delimiter: CsvDelimiter;
  hasHeader: boolean;
  decimalSeparator: '.' | ',';
  externalId: Token;
  /** a column token, or CONSTANT with the value in clientKeyConstant */
  clientKey: Token;
  clientKeyConstant: string;
  clientKeyPrefix: string;
  /** a column token or 'k:<metricKey>' */
  metric: Token;
  quantity: Token;
  quantityScale: QuantityScale;
  occurredAt: Token;
  timestampFormat: TimestampChoice;
  customTimestampFormat: string;
  timeZone: string;
  /** '' = no cost column (priced from the rate card) */
  cost: Token;
  /** '' = the account's currency; a column token; or 'k:<CODE>' */
  costCurrency: Token;
  /** carried over from a loaded mapping; not edited in the form */
  metricAliases: Record<string, string> | null;
  attrs: Record<string, ColumnRef> | null;
}

export const CONSTANT: Token = 'k:';

/** Target fields in form order: [form key, contract path, label]. The labels are what the form shows. */
export const TARGET_FIELDS = [
  ['externalId', 'columns.externalId', 'Event id'],
  ['clientKey', 'columns.clientKey', 'Client key'],
  ['clientKeyConstant', 'columns.clientKey.constant', 'Client key for every row'],
  ['clientKeyPrefix', 'columns.clientKeyPrefix', 'Client key prefix'],
  ['metric', 'columns.metric', 'Metric'],
  ['quantity', 'columns.quantity', 'Quantity'],
  ['quantityScale', 'columns.quantityScale', 'Quantity scale'],
  ['occurredAt', 'columns.occurredAt', 'Timestamp'],
  ['timestampFormat', 'columns.timestampFormat', 'Timestamp format'],
  ['timeZone', 'columns.timeZone', 'Time zone'],
  ['cost', 'columns.cost', 'Cost'],
  ['costCurrency', 'columns.costCurrency', 'Cost currency'],
  ['delimiter', 'csv.delimiter', 'Delimiter'],
  ['hasHeader', 'csv.hasHeader', 'First row is a header'],
  ['decimalSeparator', 'csv.decimalSeparator', 'Decimal separator'],
] as const;

export type FieldKey = (typeof TARGET_FIELDS)[number][0];

export const QUANTITY_SCALE_LABELS: Record<QuantityScale, string> = {
  none: 'Already in the metric’s unit',
  minutes_to_seconds: 'Minutes → seconds (rounded up)',
  hours_to_seconds: 'Hours → seconds (rounded up)',
  ms_to_seconds: 'Milliseconds → seconds (rounded up)',
};

export const TIMESTAMP_FORMAT_LABELS: Record<TimestampChoice, string> = {
  iso: 'ISO 8601 (2026-03-08T14:30:00Z)',
  unix: 'Unix seconds (1772980200)',
  unix_ms: 'Unix milliseconds (1772980200000)',
  date: 'Date only (2026-03-08)',
  custom: 'Custom format…',
};

export const DELIMITER_LABELS: Record<CsvDelimiter, string> = { ',': 'Comma (,)', ';': 'Semicolon (;)', '\t': 'Tab', '|': 'Pipe (|)' };

// ---------------------------------------------------------------------------------------------------
// Tokens

export function refToken(ref: ColumnRef): Token {
  return typeof ref === 'number' ? `n:${ref}` : `c:${ref}`;
}

/** The column a token names, or undefined for '' and constants. */
export function tokenRef(t: Token): ColumnRef | undefined {
  if (t.startsWith('c:') && t.length > 2) return t.slice(2);
  if (/^n:[1-9]\d*$/.test(t)) return Number(t.slice(2));
  return undefined;
}

export function isConstantToken(t: Token): boolean {
  return t.startsWith('k:');
}

export const constantOf = (t: Token) => t.slice(2);

/** The column token for the i-th (0-based) column of a preview. */
export function columnToken(headers: readonly string[], i: number, hasHeader: boolean): Token {
  return hasHeader && headers[i] !== undefined ? `c:${headers[i]}` : `n:${i + 1}`;
}

// ---------------------------------------------------------------------------------------------------
// Contract -> form

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asRef = (v: unknown): ColumnRef | undefined => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
const tokenOf = (v: unknown): Token => {
  const r = asRef(v);
  return r === undefined ? '' : refToken(r);
};
const constantString = (v: unknown): string | undefined => (isRecord(v) && typeof v.constant === 'string' ? v.constant : undefined);

export interface FormDefaults {
  timeZone: string;
  format?: 'csv' | 'jsonl';
  delimiter?: string | null;
}

/**
 * Reads a mapping (saved, suggested by the server, or guessed from the headers) into form values.
 * Anything missing or malformed becomes "not chosen"; nothing here throws.
 */
export function mappingToForm(m: unknown, defaults: FormDefaults): MappingFormValues {
  const o = isRecord(m) ? m : {};
  const c = isRecord(o.columns) ? o.columns : {};
  const csv = isRecord(o.csv) ? o.csv : {};
  const format = o.format === 'csv' || o.format === 'jsonl' ? o.format : (defaults.format ?? 'csv');
  const delimiter = [csv.delimiter, defaults.delimiter].find((d): d is CsvDelimiter => (CSV_DELIMITERS as readonly unknown[]).includes(d)) ?? ',';
  const clientConst = constantString(c.clientKey);
  const metricConst = constantString(c.metric);
  const currencyConst = constantString(c.costCurrency);
  const scale = [c.quantityScale, o.quantityScale].find((s): s is QuantityScale => (QUANTITY_SCALES as readonly unknown[]).includes(s)) ?? 'none';
  const fmt = typeof c.timestampFormat === 'string' ? c.timestampFormat.trim() : '';
  const named = (NAMED_TIMESTAMP_FORMATS as readonly string[]).includes(fmt);
  return {
    format,
    delimiter,
    hasHeader: typeof csv.hasHeader === 'boolean' ? csv.hasHeader : true,
    decimalSeparator: csv.decimalSeparator === ',' ? ',' : '.',
    externalId: tokenOf(c.externalId),
    clientKey: clientConst !== undefined ? CONSTANT : tokenOf(c.clientKey),
    clientKeyConstant: clientConst ?? '',
    clientKeyPrefix: typeof c.clientKeyPrefix === 'string' ? c.clientKeyPrefix : '',
    metric: metricConst !== undefined ? `k:${metricConst}` : tokenOf(c.metric),
    quantity: tokenOf(c.quantity),
    quantityScale: scale,
    occurredAt: tokenOf(c.occurredAt),
    timestampFormat: fmt === '' ? 'iso' : named ? (fmt as TimestampChoice) : 'custom',
    customTimestampFormat: fmt !== '' && !named ? fmt : '',
    timeZone: typeof c.timeZone === 'string' && c.timeZone ? c.timeZone : defaults.timeZone,
    cost: tokenOf(c.cost),
    costCurrency: currencyConst !== undefined ? `k:${currencyConst.toUpperCase()}` : tokenOf(c.costCurrency),
    metricAliases: isRecord(o.metricAliases) ? (Object.fromEntries(Object.entries(o.metricAliases).filter(([, v]) => typeof v === 'string')) as Record<string, string>) : null,
    attrs: isRecord(c.attrs) ? (Object.fromEntries(Object.entries(c.attrs).filter(([, v]) => asRef(v) !== undefined)) as Record<string, ColumnRef>) : null,
  };
}

/** Proposes a timestamp format from sample values: 10-digit numbers are unix seconds, 13-digit ones milliseconds. */
export function guessTimestampFormat(samples: readonly string[]): TimestampChoice {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  if (values.length === 0) return 'iso';
  if (values.every((v) => /^\d{9,11}(\.\d+)?$/.test(v))) return 'unix';
  if (values.every((v) => /^\d{12,14}$/.test(v))) return 'unix_ms';
  if (values.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  return 'iso';
}

export interface PreviewLike {
  format: 'csv' | 'jsonl';
  delimiter: string | null;
  headers: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
  suggested: unknown;
}

/** The form a new mapping starts from: the server's suggestion, else a guess from the header row. */
export function initialForm(preview: PreviewLike, timeZone: string): MappingFormValues {
  const defaults: FormDefaults = { timeZone, format: preview.format, delimiter: preview.delimiter };
  const fromServer = isRecord(preview.suggested) ? preview.suggested : null;
  const form = mappingToForm(fromServer ?? guessMapping(preview.headers), defaults);
  const tsFromServer = fromServer && isRecord(fromServer.columns) && typeof fromServer.columns.timestampFormat === 'string';
  if (!tsFromServer) {
    const ref = tokenRef(form.occurredAt);
    const i = typeof ref === 'number' ? ref - 1 : ref !== undefined ? preview.headers.indexOf(ref) : -1;
    if (i >= 0) form.timestampFormat = guessTimestampFormat(preview.rows.map((r) => r[i] ?? ''));
  }
  return form;
}

// ---------------------------------------------------------------------------------------------------
// Form -> contract

const REQUIRED: Partial<Record<FieldKey, string>> = {
  externalId: 'Choose the column with the event id (the provider’s id of each call, message or record).',
  clientKey: 'Choose the column with the client key (sub-account, assistant…), or one client key for the whole file.',
  metric: 'Choose the column with the metric, or the metric every row counts.',
  quantity: 'Choose the column with the quantity.',
  occurredAt: 'Choose the column with the time of each event.',
};

/** Contract path of an error -> the form field that shows it ("columns.metric.constant" -> "metric"). */
export function fieldForPath(path: string): FieldKey | null {
  let best: { key: FieldKey; len: number } | null = null;
  for (const [key, p] of TARGET_FIELDS) {
    if ((path === p || path.startsWith(`${p}.`)) && (!best || p.length > best.len)) best = { key, len: p.length };
  }
  if (best?.key === 'clientKey' && path === 'columns.clientKey.constant') return 'clientKeyConstant';
  return best?.key ?? null;
}

export type MappingResult = { ok: true; mapping: ImportMappingInput } | { ok: false; errors: Partial<Record<FieldKey | 'general', string>> };

/** Errors keyed by contract path (server, schema) -> keyed by form field; unknown paths go to `general`. */
export function formErrors(errors: FieldErrors): Partial<Record<FieldKey | 'general', string>> {
  const out: Partial<Record<FieldKey | 'general', string>> = {};
  for (const [path, message] of Object.entries(errors)) {
    const key = fieldForPath(path) ?? 'general';
    out[key] ??= message;
  }
  return out;
}

export function formToMapping(v: MappingFormValues): MappingResult {
  const missing: Partial<Record<FieldKey, string>> = {};
  const need = (key: FieldKey, t: Token): ColumnRef | undefined => {
    const r = tokenRef(t);
    if (r === undefined) missing[key] = REQUIRED[key];
    return r;
  };
  const externalId = need('externalId', v.externalId);
  let clientKey: ColumnRef | { constant: string } | undefined;
  if (v.clientKey === CONSTANT) {
    if (v.clientKeyConstant.trim() === '') missing.clientKeyConstant = 'Enter the client key of every row, e.g. sub_account:AC123.';
    else clientKey = { constant: v.clientKeyConstant.trim() };
  } else clientKey = need('clientKey', v.clientKey);
  let metric: ColumnRef | { constant: string } | undefined;
  if (isConstantToken(v.metric) && constantOf(v.metric)) metric = { constant: constantOf(v.metric) };
  else metric = need('metric', v.metric);
  const quantity = need('quantity', v.quantity);
  const occurredAt = need('occurredAt', v.occurredAt);
  const timestampFormat = v.timestampFormat === 'custom' ? v.customTimestampFormat.trim() : v.timestampFormat;
  if (v.timestampFormat === 'custom' && timestampFormat === '') missing.timestampFormat = 'Enter the custom timestamp format, e.g. dd/MM/yyyy HH:mm.';
  if (Object.keys(missing).length > 0) return { ok: false, errors: missing };

  const cost = tokenRef(v.cost);
  const costCurrency = isConstantToken(v.costCurrency) && constantOf(v.costCurrency) ? { constant: constantOf(v.costCurrency) } : tokenRef(v.costCurrency);
  const mapping: ImportMappingInput = {
    format: v.format,
    ...(v.format === 'csv' ? { csv: { delimiter: v.delimiter, hasHeader: v.hasHeader, decimalSeparator: v.decimalSeparator } } : {}),
    columns: {
      externalId: externalId!,
      clientKey: clientKey!,
      ...(v.clientKeyPrefix.trim() && v.clientKey !== CONSTANT ? { clientKeyPrefix: v.clientKeyPrefix.trim() } : {}),
      metric: metric!,
      quantity: quantity!,
      quantityScale: v.quantityScale,
      occurredAt: occurredAt!,
      timestampFormat,
      ...(v.timeZone ? { timeZone: v.timeZone } : {}),
      ...(cost !== undefined ? { cost } : {}),
      ...(costCurrency !== undefined ? { costCurrency } : {}),
      ...(v.attrs && Object.keys(v.attrs).length ? { attrs: v.attrs } : {}),
    },
    ...(v.metricAliases && Object.keys(v.metricAliases).length ? { metricAliases: v.metricAliases } : {}),
  };
  const parsed = ImportMapping.safeParse(mapping);
  if (!parsed.success) return { ok: false, errors: formErrors(zodFieldErrors(parsed.error)) };
  return { ok: true, mapping };
}

/** Switching "First row is a header" turns header tokens into column numbers and back. */
export function switchHeader(v: MappingFormValues, hasHeader: boolean, headers: readonly string[]): MappingFormValues {
  if (v.hasHeader === hasHeader) return v;
  const convert = (t: Token): Token => {
    const r = tokenRef(t);
    if (r === undefined) return t;
    if (hasHeader && typeof r === 'number') return headers[r - 1] !== undefined ? `c:${headers[r - 1]}` : t;
    if (!hasHeader && typeof r === 'string') {
      const i = headers.indexOf(r);
      return i >= 0 ? `n:${i + 1}` : '';
    }
    return t;
  };
  return {
    ...v,
    hasHeader,
    externalId: convert(v.externalId),
    clientKey: v.clientKey === CONSTANT ? v.clientKey : convert(v.clientKey),
    metric: isConstantToken(v.metric) ? v.metric : convert(v.metric),
    quantity: convert(v.quantity),
    occurredAt: convert(v.occurredAt),
    cost: convert(v.cost),
    costCurrency: isConstantToken(v.costCurrency) ? v.costCurrency : convert(v.costCurrency),
  };
}
