// Runs in the renderer (pure). The "Add metric" form: its values, the contract input it sends, the labels
// of its fields (keyed by the paths the main process reports, e.g. config.blockMinutes) and the one-line
// summary of a metric's aggregation options shown in the metrics table.
import type { Aggregation, Metric, MetricCreateInput } from '../../../../shared/domain/provider';
import { AGGREGATION_LABELS } from './labels';

export const TIME_UNITS = ['second', 'minute', 'hour', 'day'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export const MODES = ['level', 'delta'] as const;
export type Mode = (typeof MODES)[number];

export interface MetricFormValues {
  name: string;
  key: string;
  /** false until the user edits the key: it follows the name meanwhile */
  keyTouched: boolean;
  unit: string;
  aggregation: Aggregation;
  attribute: string;
  per: TimeUnit;
  mode: Mode;
  blockMinutes: string;
  /** comma-separated segment kinds */
  excludeSegments: string;
}

export const emptyMetricForm = (): MetricFormValues => ({
  name: '',
  key: '',
  keyTouched: false,
  unit: '',
  aggregation: 'sum',
  attribute: '',
  per: 'hour',
  mode: 'level',
  blockMinutes: '15',
  excludeSegments: '',
});

export const AGGREGATION_HINTS: Record<Aggregation, string> = {
  count: 'Counts events, whatever their quantity.',
  sum: 'Adds up the quantity of every event (messages, seconds, tokens).',
  max: 'The highest quantity of any event in the period (peak concurrent agents).',
  unique_count: 'Counts the distinct values of one event attribute (phone numbers in use).',
  time_weighted: 'A level held over time, e.g. seats × hours or MB × days.',
  session_blocks: 'Each conversation counts as blocks of a fixed length, rounded up (15-minute sessions).',
};

export const PER_LABELS: Record<TimeUnit, string> = { second: 'Second', minute: 'Minute', hour: 'Hour', day: 'Day' };
export const MODE_LABELS: Record<Mode, string> = {
  level: 'Level (each event is the new level)',
  delta: 'Delta (each event is a change, +1 or −1)',
};

export const AGGREGATION_OPTIONS = (Object.keys(AGGREGATION_LABELS) as Aggregation[]).map((value) => ({ value, label: AGGREGATION_LABELS[value] }));

/** Form field labels by contract path, in form order (for the error summary). */
export const METRIC_FIELD_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['name', 'Name'],
  ['key', 'Key'],
  ['unit', 'Unit'],
  ['aggregation', 'Aggregation'],
  ['config.attribute', 'Attribute'],
  ['config.per', 'Per'],
  ['config.mode', 'Mode'],
  ['config.blockMinutes', 'Block minutes'],
  ['config.excludeSegments', 'Excluded segments'],
  ['config', 'Aggregation options'],
];

/** "Call minutes (EU)" -> "call_minutes_eu": a key the engine accepts, suggested while the key is untouched. */
export function suggestKey(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const key = /^[a-z]/.test(base) ? base : base ? `m_${base}` : '';
  return key.slice(0, 64).replace(/_+$/, '');
}

/** The changes of one field, keeping the key in step with the name until the user edits the key. */
export function updateMetricForm<K extends keyof MetricFormValues>(values: MetricFormValues, field: K, value: MetricFormValues[K]): MetricFormValues {
  const next = { ...values, [field]: value };
  if (field === 'name' && !values.keyTouched) next.key = suggestKey(String(value));
  if (field === 'key') next.keyTouched = String(value).trim() !== '';
  return next;
}

/** Whole numbers go as numbers; anything else goes as typed, so the main process names the problem. */
function numberOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** "human_agent, hold" -> ["human_agent", "hold"] */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The contract input: only the options of the chosen aggregation. */
export function metricFormToInput(v: MetricFormValues): MetricCreateInput {
  const config: Record<string, unknown> = {};
  if (v.aggregation === 'unique_count' && v.attribute.trim()) config.attribute = v.attribute.trim();
  if (v.aggregation === 'time_weighted') {
    config.per = v.per;
    config.mode = v.mode;
  }
  if (v.aggregation === 'session_blocks') {
    const minutes = numberOrText(v.blockMinutes);
    if (minutes !== undefined) config.blockMinutes = minutes;
    config.excludeSegments = splitList(v.excludeSegments);
  }
  return { key: v.key.trim(), name: v.name.trim(), unit: v.unit.trim(), aggregation: v.aggregation, config };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** One line about a metric's options: "per hour, level", "15-minute blocks, without human_agent". */
export function describeMetricConfig(m: Pick<Metric, 'aggregation' | 'config'>): string {
  const c = m.config;
  switch (m.aggregation) {
    case 'unique_count': {
      const attr = text(c.attribute);
      const prorate = text(c.prorateFromAttribute);
      return attr ? `Distinct ${attr}${prorate ? `, prorated from ${prorate}` : ''}` : '';
    }
    case 'time_weighted': {
      const per = text(c.per);
      const mode = text(c.mode) ?? 'level';
      return per ? `Per ${per}, ${mode === 'delta' ? 'changes (delta)' : 'levels'}` : '';
    }
    case 'session_blocks': {
      const minutes = typeof c.blockMinutes === 'number' ? c.blockMinutes : null;
      const excluded = Array.isArray(c.excludeSegments) ? c.excludeSegments.filter((s): s is string => typeof s === 'string') : [];
      if (minutes === null) return '';
      return `${minutes}-minute blocks${excluded.length ? `, without ${excluded.join(', ')}` : ''}`;
    }
    default:
      return '';
  }
}
