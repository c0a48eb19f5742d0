// Runs in the renderer (pure). The plan editor's form state and its conversion to and from a plan version
// definition (shared/pricing/plan-schema.ts). Every field is text as typed; the conversion never does money
// arithmetic and never "fixes" input: what cannot be read is passed on as is, so validatePlan reports it
// under the field it came from.
import type { ZeroQuantity } from '../../../../shared/pricing/plan-schema';

export const MODEL_TYPES = ['per_unit', 'graduated', 'volume', 'package', 'percentage', 'cost_multiplier', 'allowance'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export const MODEL_LABELS: Record<ModelType, string> = {
  per_unit: 'Per unit',
  graduated: 'Graduated tiers',
  volume: 'Volume tiers',
  package: 'Package',
  percentage: 'Percentage',
  cost_multiplier: 'Cost multiplier',
  allowance: 'Included allowance + overage',
};

export const MODEL_HINTS: Record<ModelType, string> = {
  per_unit: 'Every unit at the same price.',
  graduated: 'Each tier prices the units that fall in it (1–1,000 at one price, the next ones at another).',
  volume: 'The tier the total falls in prices every unit.',
  package: 'Sold in blocks: any started package is charged in full.',
  percentage: 'A percent of the amount (e.g. of a transaction value), plus an optional fee per event.',
  cost_multiplier: 'Rebills what the provider charged you, times a multiplier.',
  allowance: 'A number of units included in the base fee; units above it are charged as overage.',
};

export type Interval = 'month' | 'year';
export type Proration = 'prorate_immediately' | 'next_cycle';
export type Rounding = 'exact' | 'up' | 'down' | 'half_up';

export const INTERVAL_LABELS: Record<Interval, string> = { month: 'Monthly', year: 'Annual' };
export const PRORATION_LABELS: Record<Proration, string> = { prorate_immediately: 'Prorate immediately', next_cycle: 'Next cycle' };
export const ROUNDING_LABELS: Record<Rounding, string> = { exact: 'Exact (no rounding)', up: 'Round up', down: 'Round down', half_up: 'Round to nearest' };
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export interface TierRow {
  /** stable React key */
  key: string;
  /** "" = and above */
  upTo: string;
  unitPrice: string;
  flatFee: string;
}

export interface ChargeForm {
  key: string;
  metricKey: string;
  description: string;
  model: ModelType;
  // per_unit
  unitPrice: string;
  // graduated, volume
  tiers: TierRow[];
  zeroQuantity: ZeroQuantity;
  // package
  packageSize: string;
  packagePrice: string;
  packageFreeUnits: string;
  // percentage
  rate: string;
  fixedFeePerEvent: string;
  freeEvents: string;
  freeAmount: string;
  minPerEvent: string;
  maxPerEvent: string;
  // cost_multiplier
  multiplier: string;
  // allowance
  included: string;
  overageUnitPrice: string;
  // every model
  cap: string;
  minimum: string;
  /** "" = priced in the metric's unit; "period" = per period (time-weighted metrics); else a number */
  divisorBy: string;
  divisorRounding: Rounding;
  divisorUnit: string;
}

export interface PlanForm {
  name: string;
  currency: string;
  interval: Interval;
  anchorKind: 'calendar' | 'anchored';
  anchorDay: string;
  /** annual plans: "1".."12", "" = January */
  anchorMonth: string;
  baseFee: string;
  proration: Proration;
  minimumCommitment: string;
  usageCap: string;
  trialDays: string;
  /** per metric key; "" = none */
  trialFreeUnits: Record<string, string>;
  /** per metric key, alerts only; "" = none */
  limits: Record<string, string>;
  charges: ChargeForm[];
}

let nextKey = 0;
/** A fresh key for a list row (React keys only; never saved). */
export function rowKey(prefix: string): string {
  nextKey += 1;
  return `${prefix}${nextKey}`;
}

export function emptyTier(upTo = ''): TierRow {
  return { key: rowKey('t'), upTo, unitPrice: '', flatFee: '' };
}

export function emptyCharge(metricKey = ''): ChargeForm {
  return {
    key: rowKey('c'),
    metricKey,
    description: '',
    model: 'per_unit',
    unitPrice: '',
    tiers: [],
    zeroQuantity: 'nothing',
    packageSize: '',
    packagePrice: '',
    packageFreeUnits: '',
    rate: '',
    fixedFeePerEvent: '',
    freeEvents: '',
    freeAmount: '',
    minPerEvent: '',
    maxPerEvent: '',
    multiplier: '',
    included: '',
    overageUnitPrice: '',
    cap: '',
    minimum: '',
    divisorBy: '',
    divisorRounding: 'exact',
    divisorUnit: '',
  };
}

export function emptyPlanForm(currency: string): PlanForm {
  return {
    name: '',
    currency,
    interval: 'month',
    anchorKind: 'calendar',
    anchorDay: '1',
    anchorMonth: '',
    baseFee: '0',
    proration: 'prorate_immediately',
    minimumCommitment: '',
    usageCap: '',
    trialDays: '',
    trialFreeUnits: {},
    limits: {},
    charges: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Form -> definition

const trimmed = (s: string) => s.trim();

/** Decimal text as typed (trimmed); undefined when empty, so optional fields are left out. */
function decimalOrUndefined(s: string): string | undefined {
  const t = trimmed(s);
  return t === '' ? undefined : t;
}

const WHOLE = /^(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)$/;

/**
 * A whole-number field: "1,000" and "1 000" read as 1000 (digit grouping only). Anything else is passed on as
 * text so the schema reports "must be a whole number" at its path; empty is undefined.
 */
export function wholeOrRaw(s: string): number | string | undefined {
  const t = trimmed(s);
  if (t === '') return undefined;
  if (WHOLE.test(t)) {
    const n = Number(t.replace(/\D/g, ''));
    if (Number.isSafeInteger(n)) return n;
  }
  return t;
}

function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function tierToDefinition(t: TierRow): Record<string, unknown> {
  const upTo = wholeOrRaw(t.upTo);
  return compact({ upTo: upTo === undefined ? null : upTo, unitPrice: decimalOrUndefined(t.unitPrice), flatFee: decimalOrUndefined(t.flatFee) });
}

function modelToDefinition(c: ChargeForm): Record<string, unknown> {
  switch (c.model) {
    case 'per_unit':
      return compact({ type: 'per_unit', unitPrice: decimalOrUndefined(c.unitPrice) });
    case 'graduated':
    case 'volume':
      return { type: c.model, tiers: c.tiers.map(tierToDefinition), zeroQuantity: c.zeroQuantity };
    case 'package':
      return compact({
        type: 'package',
        packageSize: wholeOrRaw(c.packageSize),
        packagePrice: decimalOrUndefined(c.packagePrice),
        freeUnits: wholeOrRaw(c.packageFreeUnits),
      });
    case 'percentage':
      return compact({
        type: 'percentage',
        rate: decimalOrUndefined(c.rate),
        fixedFeePerEvent: decimalOrUndefined(c.fixedFeePerEvent),
        freeEvents: wholeOrRaw(c.freeEvents),
        freeAmount: decimalOrUndefined(c.freeAmount),
        minPerEvent: decimalOrUndefined(c.minPerEvent),
        maxPerEvent: decimalOrUndefined(c.maxPerEvent),
      });
    case 'cost_multiplier':
      return compact({ type: 'cost_multiplier', multiplier: decimalOrUndefined(c.multiplier) });
    case 'allowance':
      return compact({ type: 'allowance', included: decimalOrUndefined(c.included), overageUnitPrice: decimalOrUndefined(c.overageUnitPrice) });
  }
}

function chargeToDefinition(c: ChargeForm): Record<string, unknown> {
  const by = trimmed(c.divisorBy);
  return compact({
    metricKey: c.metricKey,
    description: trimmed(c.description) === '' ? undefined : trimmed(c.description),
    model: modelToDefinition(c),
    unitDivisor: by === '' ? undefined : { by, rounding: c.divisorRounding, unit: trimmed(c.divisorUnit) },
    cap: decimalOrUndefined(c.cap),
    minimum: decimalOrUndefined(c.minimum),
  });
}

function nonEmptyEntries(r: Record<string, string>): Record<string, string> | undefined {
  const entries = Object.entries(r)
    .map(([k, v]) => [k, trimmed(v)] as const)
    .filter(([, v]) => v !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** The plan version definition the form describes (to validate locally, preview, and send). */
export function formToDefinition(form: PlanForm): Record<string, unknown> {
  const anchor =
    form.anchorKind === 'calendar'
      ? { kind: 'calendar' }
      : compact({ kind: 'anchored', day: wholeOrRaw(form.anchorDay), month: form.interval === 'year' ? wholeOrRaw(form.anchorMonth) : undefined });
  const trialDays = wholeOrRaw(form.trialDays);
  const freeUnits = nonEmptyEntries(form.trialFreeUnits);
  const trial = trialDays === undefined && freeUnits === undefined ? undefined : compact({ days: trialDays, freeUnits });
  return compact({
    name: trimmed(form.name),
    currency: form.currency,
    interval: form.interval,
    anchor,
    baseFee: decimalOrUndefined(form.baseFee) ?? '0',
    charges: form.charges.map(chargeToDefinition),
    minimumCommitment: decimalOrUndefined(form.minimumCommitment),
    usageCap: decimalOrUndefined(form.usageCap),
    trial,
    proration: form.proration,
    limits: nonEmptyEntries(form.limits),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Definition -> form (definitions come from the ledger: read defensively, never throw)

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const textRecord = (v: unknown): Record<string, string> =>
  isRecord(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)])) : {};

function isModelType(v: unknown): v is ModelType {
  return typeof v === 'string' && (MODEL_TYPES as readonly string[]).includes(v);
}

function tierFromDefinition(v: unknown): TierRow {
  const t = isRecord(v) ? v : {};
  return { key: rowKey('t'), upTo: t.upTo === null ? '' : text(t.upTo), unitPrice: text(t.unitPrice), flatFee: text(t.flatFee) };
}

function chargeFromDefinition(v: unknown): ChargeForm {
  const c = isRecord(v) ? v : {};
  const m = isRecord(c.model) ? c.model : {};
  const d = isRecord(c.unitDivisor) ? c.unitDivisor : null;
  const rounding = d && typeof d.rounding === 'string' && d.rounding in ROUNDING_LABELS ? (d.rounding as Rounding) : 'exact';
  const charge = emptyCharge(text(c.metricKey));
  return {
    ...charge,
    description: text(c.description),
    model: isModelType(m.type) ? m.type : 'per_unit',
    unitPrice: text(m.unitPrice),
    tiers: Array.isArray(m.tiers) ? m.tiers.map(tierFromDefinition) : [],
    zeroQuantity: m.zeroQuantity === 'first_tier_flat_fee' ? 'first_tier_flat_fee' : 'nothing',
    packageSize: text(m.packageSize),
    packagePrice: text(m.packagePrice),
    packageFreeUnits: m.type === 'package' && text(m.freeUnits) !== '0' ? text(m.freeUnits) : '',
    rate: text(m.rate),
    fixedFeePerEvent: text(m.fixedFeePerEvent) === '0' ? '' : text(m.fixedFeePerEvent),
    freeEvents: text(m.freeEvents) === '0' ? '' : text(m.freeEvents),
    freeAmount: text(m.freeAmount) === '0' ? '' : text(m.freeAmount),
    minPerEvent: text(m.minPerEvent),
    maxPerEvent: text(m.maxPerEvent),
    multiplier: text(m.multiplier),
    included: text(m.included),
    overageUnitPrice: text(m.overageUnitPrice),
    cap: text(c.cap),
    minimum: text(c.minimum),
    divisorBy: d ? text(d.by) : '',
    divisorRounding: rounding,
    divisorUnit: d ? text(d.unit) : '',
  };
}

/** The form for a stored definition (a version to edit, or to view read-only). */
export function definitionToForm(definition: unknown, fallbackCurrency: string): PlanForm {
  const def = isRecord(definition) ? definition : {};
  const anchor = isRecord(def.anchor) ? def.anchor : { kind: 'calendar' };
  const trial = isRecord(def.trial) ? def.trial : {};
  return {
    name: text(def.name),
    currency: text(def.currency) || fallbackCurrency,
    interval: def.interval === 'year' ? 'year' : 'month',
    anchorKind: anchor.kind === 'anchored' ? 'anchored' : 'calendar',
    anchorDay: anchor.kind === 'anchored' ? text(anchor.day) : '1',
    anchorMonth: anchor.kind === 'anchored' ? text(anchor.month) : '',
    baseFee: text(def.baseFee) || '0',
    proration: def.proration === 'next_cycle' ? 'next_cycle' : 'prorate_immediately',
    minimumCommitment: text(def.minimumCommitment),
    usageCap: text(def.usageCap),
    trialDays: text(trial.days),
    trialFreeUnits: textRecord(trial.freeUnits),
    limits: textRecord(def.limits),
    charges: Array.isArray(def.charges) ? def.charges.map(chargeFromDefinition) : [],
  };
}

/** Same definition = nothing to save (keys and row ids do not count). */
export function sameDefinition(a: PlanForm, b: PlanForm): boolean {
  return JSON.stringify(formToDefinition(a)) === JSON.stringify(formToDefinition(b));
}

// ---------------------------------------------------------------------------------------------------------
// Editing

/**
 * The read-only "From" of each tier, as the statement's breakdown prints it ("1 to 1,000", "1,001 and above"):
 * 1 for the first, the previous "Up to" + 1 after it; null when the previous end is not a number yet.
 */
export function tierFroms(tiers: readonly TierRow[]): Array<number | null> {
  return tiers.map((_, i) => {
    if (i === 0) return 1;
    const prev = wholeOrRaw(tiers[i - 1]!.upTo);
    return typeof prev === 'number' ? prev + 1 : null;
  });
}

/** Starting tiers when a charge becomes tiered: 0–1,000 and 1,001 and above. */
export function starterTiers(): TierRow[] {
  return [emptyTier('1000'), emptyTier('')];
}

/**
 * Adds a tier. With an unbounded last tier ("and above"), the new tier goes just before it, ending at twice the
 * previous bound (1,000 -> 2,000), so the table stays contiguous; otherwise an "and above" tier is appended.
 * Returns the new rows and the index of the added one (to focus).
 */
export function addTier(tiers: readonly TierRow[]): { tiers: TierRow[]; index: number } {
  const last = tiers[tiers.length - 1];
  if (!last || trimmed(last.upTo) !== '') return { tiers: [...tiers, emptyTier('')], index: tiers.length };
  const prev = tiers.length >= 2 ? wholeOrRaw(tiers[tiers.length - 2]!.upTo) : undefined;
  const upTo = typeof prev === 'number' && prev > 0 ? String(prev * 2) : '1000';
  const index = tiers.length - 1;
  return { tiers: [...tiers.slice(0, index), emptyTier(upTo), last], index };
}

/** Removes tier `index`; removing the last tier makes the new last one "and above". At least one tier stays. */
export function removeTier(tiers: readonly TierRow[], index: number): TierRow[] {
  if (tiers.length <= 1 || index < 0 || index >= tiers.length) return [...tiers];
  const next = tiers.filter((_, i) => i !== index);
  if (index === tiers.length - 1) {
    const lastIndex = next.length - 1;
    next[lastIndex] = { ...next[lastIndex]!, upTo: '' };
  }
  return next;
}

export function updateTier(tiers: readonly TierRow[], index: number, patch: Partial<Omit<TierRow, 'key'>>): TierRow[] {
  return tiers.map((t, i) => (i === index ? { ...t, ...patch } : t));
}

/** Switches a charge's model, keeping what was typed for the other models (switching back restores it). */
export function changeModel(charge: ChargeForm, model: ModelType): ChargeForm {
  const tiered = model === 'graduated' || model === 'volume';
  return { ...charge, model, tiers: tiered && charge.tiers.length === 0 ? starterTiers() : charge.tiers };
}

function moveKey(r: Record<string, string>, from: string, to: string): Record<string, string> {
  if (from === to || !(from in r) || (to !== '' && to in r && r[to] !== '')) return r;
  const { [from]: value, ...rest } = r;
  return to === '' ? rest : { ...rest, [to]: value! };
}

/** Points charge `index` at another metric; its limit and trial free units follow it. */
export function setChargeMetric(form: PlanForm, index: number, metricKey: string): PlanForm {
  const charge = form.charges[index];
  if (!charge) return form;
  const from = charge.metricKey;
  const usedElsewhere = form.charges.some((c, i) => i !== index && c.metricKey === from);
  return {
    ...form,
    charges: form.charges.map((c, i) => (i === index ? { ...c, metricKey } : c)),
    limits: usedElsewhere || from === '' ? form.limits : moveKey(form.limits, from, metricKey),
    trialFreeUnits: usedElsewhere || from === '' ? form.trialFreeUnits : moveKey(form.trialFreeUnits, from, metricKey),
  };
}

/** Removes charge `index`, with its limit and trial free units. */
export function removeCharge(form: PlanForm, index: number): PlanForm {
  const charge = form.charges[index];
  if (!charge) return form;
  const key = charge.metricKey;
  const stillCharged = form.charges.some((c, i) => i !== index && c.metricKey === key);
  const drop = (r: Record<string, string>) => (stillCharged ? r : Object.fromEntries(Object.entries(r).filter(([k]) => k !== key)));
  return { ...form, charges: form.charges.filter((_, i) => i !== index), limits: drop(form.limits), trialFreeUnits: drop(form.trialFreeUnits) };
}

export function moveCharge(form: PlanForm, index: number, by: -1 | 1): PlanForm {
  const to = index + by;
  if (index < 0 || to < 0 || index >= form.charges.length || to >= form.charges.length) return form;
  const charges = [...form.charges];
  [charges[index], charges[to]] = [charges[to]!, charges[index]!];
  return { ...form, charges };
}
