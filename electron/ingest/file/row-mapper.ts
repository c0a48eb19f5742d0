// Runs in main. Compiles an ImportMapping into a function from one record (CSV cells or a JSON object)
// to a NormalizedEvent or the reasons it cannot be one. Columns are resolved once (header names to
// indexes, dot paths split), so mapping a row is a few array reads and regex tests.
//
// Row rules (each failing rule adds a reason; all reasons of a row are reported together):
// - event id: required, at most 200 characters.
// - client key: optional. An empty cell gives clientKey null: the usage is kept as unassigned (the
//   design keeps unassigned usage rather than dropping it) and can be mapped to a client later.
//   Whether a non-empty key belongs to a client is decided by the ledger writer, not here.
// - metric: a known metric key, or an alias from `metricAliases` (case-insensitive), or a known key in
//   another case ("Call_Seconds").
// - quantity: see parseQuantity (non-negative; whole unless scaled; scaled values round up).
// - occurred-at: see timestampParser.
// - cost / currency / attrs: optional; empty cells give null / null / left out.
import type { NormalizedEvent } from '../types';
import {
  columnRefs,
  isConstant,
  type ColumnRef,
  type ImportMapping,
} from '../../../shared/domain/import-mapping';
import { ImportFileError } from './import-file-error';
import { timestampParser } from './timestamps';
import { cellText, idText, parseCost, parseCurrency, parseQuantity, truncate, type Parsed } from './values';

export type MapResult = { ok: true; event: NormalizedEvent } | { ok: false; reasons: string[]; externalId?: string };

export interface MapperContext {
  knownMetricKeys: ReadonlySet<string>;
  /** metric key -> base unit ("second"), for messages such as "must be a whole number of seconds" */
  metricUnits?: ReadonlyMap<string, string>;
}

const MAX_ID_LENGTH = 200;
const MAX_LISTED_METRICS = 12;

/** Reads one mapped value out of a record, and names where it came from for messages. */
interface Field<R> {
  read: (record: R) => unknown;
  /** `column "call_id"`, `column 3`, `key "usage.seconds"` */
  label: string;
}

type Resolve<R> = (ref: ColumnRef, role: string) => Field<R>;

const ROLE_NAMES: Record<string, string> = {
  externalId: 'the event id',
  clientKey: 'the client key',
  metric: 'the metric',
  quantity: 'the quantity',
  occurredAt: 'the date',
  cost: 'the cost',
  costCurrency: 'the cost currency',
};

/** CSV: header names resolve to column indexes (exact match first, then case- and space-insensitive). */
export function compileCsvMapper(
  mapping: ImportMapping,
  header: readonly string[] | null,
  expectedColumns: number,
  ctx: MapperContext,
): (cells: readonly string[]) => MapResult {
  const resolve: Resolve<readonly string[]> = (ref, role) => {
    const index = typeof ref === 'number' ? ref - 1 : headerIndex(header ?? [], ref, role);
    if (index >= expectedColumns) {
      throw new ImportFileError(
        'column_not_found',
        `Column ${index + 1} (mapped to ${role}) does not exist: the ${header === null ? 'first row' : 'header'} has ${expectedColumns} columns.`,
      );
    }
    const name = header?.[index];
    const label = typeof ref === 'number' ? `column ${ref}${name ? ` ("${name}")` : ''}` : `column "${name ?? ref}"`;
    return { read: (cells) => cells[index], label };
  };
  const map = compileMapper(mapping, resolve, ctx);
  const what = header === null ? 'the first row' : 'the header';
  return (cells) => {
    if (cells.length !== expectedColumns) {
      // Trailing empty cells (a trailing delimiter, common in exports) are harmless.
      const harmless = cells.length > expectedColumns && cells.slice(expectedColumns).every((c) => c.trim() === '');
      if (!harmless) return { ok: false, reasons: [`has ${cells.length} ${cells.length === 1 ? 'column' : 'columns'} but ${what} has ${expectedColumns}`] };
    }
    return map(cells);
  };
}

/** JSON lines: each line must be a JSON object; a key may be a dot path into nested objects. */
export function compileJsonlMapper(mapping: ImportMapping, ctx: MapperContext): (line: string) => MapResult {
  const resolve: Resolve<Record<string, unknown>> = (ref) => {
    const key = String(ref);
    const path = key.split('.');
    return { read: (obj) => readPath(obj, key, path), label: `key "${key}"` };
  };
  const map = compileMapper(mapping, resolve, ctx);
  return (line) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return { ok: false, reasons: [`invalid JSON (${error instanceof Error ? error.message : String(error)})`] };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : `${typeof value} ${truncate(JSON.stringify(value))}`;
      return { ok: false, reasons: [`expected a JSON object ({"call_id": ...}), got ${got}`] };
    }
    return map(value as Record<string, unknown>);
  };
}

/** `obj[key]` when the key exists as is (keys may contain dots), otherwise the dot path. */
export function readPath(obj: Record<string, unknown>, key: string, path: readonly string[]): unknown {
  if (Object.hasOwn(obj, key)) return obj[key];
  let at: unknown = obj;
  for (const part of path) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function headerIndex(header: readonly string[], name: string, role: string): number {
  const exact = indexesOf(header, (h) => h === name);
  const matches = exact.length > 0 ? exact : indexesOf(header, (h) => fold(h) === fold(name));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new ImportFileError(
      'column_not_found',
      `Column "${name}" (mapped to ${role}) appears ${matches.length} times in the header (columns ${matches.map((i) => i + 1).join(', ')}); map it by number instead.`,
    );
  }
  const listed = header.slice(0, 30).map((h) => `"${h}"`).join(', ') + (header.length > 30 ? ', …' : '');
  throw new ImportFileError('column_not_found', `The file has no column "${name}" (mapped to ${role}). Its columns are: ${listed}.`);
}

function indexesOf(header: readonly string[], test: (h: string) => boolean): number[] {
  const out: number[] = [];
  header.forEach((h, i) => {
    if (test(h)) out.push(i);
  });
  return out;
}

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

function knownList(keys: ReadonlySet<string>): string {
  const sorted = [...keys].sort();
  const shown = sorted.slice(0, MAX_LISTED_METRICS).join(', ');
  return sorted.length > MAX_LISTED_METRICS ? `${shown} and ${sorted.length - MAX_LISTED_METRICS} more` : shown;
}

function compileMapper<R>(mapping: ImportMapping, resolve: Resolve<R>, ctx: MapperContext): (record: R) => MapResult {
  const c = mapping.columns;
  const { knownMetricKeys } = ctx;
  const decimalSeparator = mapping.format === 'csv' ? (mapping.csv?.decimalSeparator ?? '.') : '.';

  // Resolve every column first, so a missing column stops the file before any row is read.
  const fields = new Map<string, Field<R>>();
  for (const [path, ref] of columnRefs(c)) {
    const role = path[0] === 'attrs' ? `the attribute "${path[1]!}"` : (ROLE_NAMES[path[0]!] ?? path.join('.'));
    fields.set(path.join('.'), resolve(ref, role));
  }
  const field = (name: string): Field<R> => fields.get(name)!;

  // Metrics: constants and alias targets must exist before any row is read.
  const aliases = new Map<string, string>();
  for (const [alias, key] of Object.entries(mapping.metricAliases ?? {})) {
    if (!knownMetricKeys.has(key)) {
      throw new ImportFileError(
        'unknown_metric',
        `Metric alias "${alias}" points to "${key}", which is not a metric (known: ${knownList(knownMetricKeys)}).`,
      );
    }
    aliases.set(alias.trim().toLowerCase(), key);
  }
  let constantMetric: string | null = null;
  if (isConstant(c.metric)) {
    if (!knownMetricKeys.has(c.metric.constant)) {
      throw new ImportFileError(
        'unknown_metric',
        `The mapping's metric "${c.metric.constant}" is not a metric (known: ${knownList(knownMetricKeys)}).`,
      );
    }
    constantMetric = c.metric.constant;
  }
  const metricCache = new Map<string, Parsed<string>>();
  const resolveMetric = (text: string): Parsed<string> => {
    const hit = metricCache.get(text);
    if (hit !== undefined) return hit;
    const lower = text.toLowerCase();
    const key = knownMetricKeys.has(text) ? text : (aliases.get(lower) ?? (knownMetricKeys.has(lower) ? lower : null));
    const result: Parsed<string> =
      key !== null
        ? { ok: true, value: key }
        : { ok: false, error: `unknown metric "${truncate(text)}" (known: ${knownList(knownMetricKeys)}); add an alias for it in the mapping` };
    if (metricCache.size > 10_000) metricCache.clear();
    metricCache.set(text, result);
    return result;
  };

  const idField = field('externalId');
  const quantityField = field('quantity');
  const dateField = field('occurredAt');
  const metricField = constantMetric === null ? field('metric') : null;
  const constantClientKey = isConstant(c.clientKey) ? c.clientKey.constant : null;
  const clientField = constantClientKey === null ? field('clientKey') : null;
  const prefix = c.clientKeyPrefix ?? '';
  const costField = c.cost === undefined ? null : field('cost');
  const constantCurrency = c.costCurrency !== undefined && isConstant(c.costCurrency) ? c.costCurrency.constant : null;
  const currencyField = c.costCurrency !== undefined && !isConstant(c.costCurrency) ? field('costCurrency') : null;
  const attrFields = Object.keys(c.attrs ?? {}).map((name) => [name, field(`attrs.${name}`)] as const);
  const parseTime = timestampParser(c.timestampFormat, c.timeZone);
  const scale = c.quantityScale;
  const units = ctx.metricUnits;

  const missing = (what: string, f: Field<R>) => `missing ${what} (${f.label} is ${f.label.startsWith('key') ? 'missing or empty' : 'empty'})`;

  return (record) => {
    const reasons: string[] = [];

    let externalId: string | undefined;
    const id = idText(idField.read(record), 'event id');
    if (!id.ok) reasons.push(id.error);
    else if (id.value === '') reasons.push(missing('event id', idField));
    else if (id.value.length > MAX_ID_LENGTH) reasons.push(`event id "${truncate(id.value)}" is longer than ${MAX_ID_LENGTH} characters`);
    else externalId = id.value;

    let clientKey: string | null = constantClientKey;
    if (clientField !== null) {
      const key = idText(clientField.read(record), 'client key');
      if (!key.ok) reasons.push(key.error);
      else if (key.value.length > MAX_ID_LENGTH) reasons.push(`client key "${truncate(key.value)}" is longer than ${MAX_ID_LENGTH} characters`);
      else if (key.value !== '') clientKey = key.value.startsWith(prefix) ? key.value : prefix + key.value;
    }

    let metricKey: string | null = constantMetric;
    if (metricField !== null) {
      const text = cellText(metricField.read(record), 'metric');
      if (!text.ok) reasons.push(text.error);
      else if (text.value === '') reasons.push(missing('metric', metricField));
      else {
        const metric = resolveMetric(text.value);
        if (metric.ok) metricKey = metric.value;
        else reasons.push(metric.error);
      }
    }

    let quantity: number | null = null;
    const q = cellText(quantityField.read(record), 'quantity');
    if (!q.ok) reasons.push(q.error);
    else if (q.value === '') reasons.push(missing('quantity', quantityField));
    else {
      const unit = metricKey === null ? null : (units?.get(metricKey) ?? null);
      const parsed = parseQuantity(q.value, scale, decimalSeparator, unit);
      if (parsed.ok) quantity = parsed.value;
      else reasons.push(parsed.error);
    }

    let occurredAt: number | null = null;
    const t = cellText(dateField.read(record), 'date');
    if (!t.ok) reasons.push(t.error);
    else if (t.value === '') reasons.push(missing('date', dateField));
    else {
      const parsed = parseTime(t.value);
      if (parsed.ok) occurredAt = parsed.value;
      else reasons.push(parsed.error);
    }

    let cost: string | null = null;
    if (costField !== null) {
      const text = cellText(costField.read(record), 'cost');
      const parsed = text.ok ? parseCost(text.value, decimalSeparator) : text;
      if (parsed.ok) cost = parsed.value;
      else reasons.push(parsed.error);
    }

    let costCurrency: string | null = constantCurrency;
    if (currencyField !== null) {
      const text = cellText(currencyField.read(record), 'currency');
      const parsed = text.ok ? parseCurrency(text.value) : text;
      if (parsed.ok) costCurrency = parsed.value;
      else reasons.push(parsed.error);
    }

    let attrs: Record<string, unknown> | null = null;
    for (const [name, f] of attrFields) {
      const value = f.read(record);
      const kept = typeof value === 'string' ? value.trim() : value;
      if (kept === undefined || kept === null || kept === '') continue;
      (attrs ??= {})[name] = kept;
    }

    if (reasons.length > 0 || externalId === undefined || metricKey === null || quantity === null || occurredAt === null) {
      return externalId === undefined ? { ok: false, reasons } : { ok: false, reasons, externalId };
    }
    return { ok: true, event: { externalId, clientKey, metricKey, quantity, occurredAt, cost, costCurrency, attrs } };
  };
}
