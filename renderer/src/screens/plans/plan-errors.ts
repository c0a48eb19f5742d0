// Runs in the renderer (pure). Puts plan problems — from validatePlan locally, or from the main process
// (`definition.charges.1.model.tiers.2.upTo`) — under the editor field their path points to, with the
// field's label for the summary.
import type { CommandError } from '../../../../shared/contract/result';
import type { PlanForm } from './plan-form-model';

export interface PlanProblem {
  /** dotted path into the definition ("" = the plan as a whole) */
  path: string;
  message: string;
}

export interface PlacedProblem {
  /** the editor field the problem belongs to (an id via idFor), or null when no field shows it */
  field: string | null;
  /** the field's label, with its charge ("Charge 1 · Tier 2 up to"); null without field */
  label: string | null;
  message: string;
  /** only "this required field is empty": the editor waits for the field to be visited before showing it */
  empty: boolean;
}

const TOP_FIELDS: Record<string, string> = {
  name: 'Name',
  currency: 'Currency',
  interval: 'Billing interval',
  'anchor.kind': 'Anchor',
  'anchor.day': 'Day of month',
  'anchor.month': 'Anchor month',
  baseFee: 'Base fee',
  proration: 'Proration',
  minimumCommitment: 'Minimum commitment',
  usageCap: 'Usage cap',
  'trial.days': 'Trial days',
  'charges.add': 'Charges',
};

/** Labels of the fields inside a charge, by their path after `charges.<i>.` */
export const CHARGE_FIELD_LABELS: Record<string, string> = {
  metricKey: 'Metric',
  description: 'Description',
  'model.type': 'Model',
  'model.unitPrice': 'Unit price',
  'model.tiers': 'Tiers',
  'model.zeroQuantity': 'At zero usage',
  'model.packageSize': 'Package size',
  'model.packagePrice': 'Price per package',
  'model.freeUnits': 'Free units',
  'model.rate': 'Rate (%)',
  'model.fixedFeePerEvent': 'Fixed fee per event',
  'model.freeEvents': 'Free events',
  'model.freeAmount': 'Free amount',
  'model.minPerEvent': 'Minimum per event',
  'model.maxPerEvent': 'Maximum per event',
  'model.multiplier': 'Multiplier',
  'model.included': 'Included units',
  'model.overageUnitPrice': 'Overage unit price',
  cap: 'Charge cap',
  minimum: 'Minimum spend',
  limit: 'Limit per period',
  'unitDivisor.by': 'Divide quantity by',
  'unitDivisor.rounding': 'Rounding',
  'unitDivisor.unit': 'Billing unit name',
};

const TIER_FIELD_LABELS: Record<string, string> = { upTo: 'up to', unitPrice: 'unit price', flatFee: 'flat fee' };

/** "Tier 2 up to": the accessible name of a tier table input. */
export function tierFieldLabel(tierIndex: number, field: 'upTo' | 'unitPrice' | 'flatFee'): string {
  return `Tier ${tierIndex + 1} ${TIER_FIELD_LABELS[field]}`;
}

/**
 * The editor field for a definition path (a server path may start with "definition.").
 * @example fieldFor('definition.charges.1.model.tiers.2.from', form) // 'charges.1.model.tiers.1.upTo'
 */
export function fieldFor(rawPath: string, form: PlanForm): string | null {
  const path = rawPath.replace(/^definition(\.|$)/, '');
  if (path in TOP_FIELDS) return path;
  if (path === 'anchor') return 'anchor.kind';
  if (path === 'trial') return 'trial.days';
  if (path === 'charges') return 'charges.add';
  const parts = path.split('.');
  const [head, second, ...rest] = parts;
  if (head === 'trial' && second === 'freeUnits' && rest.length === 1) return `trial.freeUnits.${rest[0]}`;
  if (head === 'limits' && second !== undefined && rest.length === 0) {
    const i = form.charges.findIndex((c) => c.metricKey === second);
    return i >= 0 ? `charges.${i}.limit` : null;
  }
  if (head !== 'charges' || second === undefined || !/^\d+$/.test(second)) return null;
  const ci = Number(second);
  if (ci >= form.charges.length) return null;
  const base = `charges.${ci}`;
  const inner = rest.join('.');
  if (inner === '' || inner === 'metricKey') return `${base}.metricKey`;
  if (inner === 'model' || inner === 'model.type') return `${base}.model.type`;
  if (inner === 'unitDivisor') return `${base}.unitDivisor.by`;
  if (rest[0] === 'model' && rest[1] === 'tiers') {
    const tiers = form.charges[ci]!.tiers;
    if (rest.length === 2) return `${base}.model.tiers`;
    const ti = Number(rest[2]);
    if (!Number.isInteger(ti) || ti < 0 || ti >= tiers.length) return `${base}.model.tiers`;
    const field = rest[3];
    // A tier's start is read-only (computed from the previous tier's end): point at that end.
    if (field === 'from') return `${base}.model.tiers.${Math.max(0, ti - 1)}.upTo`;
    if (field === 'upTo' || field === 'unitPrice' || field === 'flatFee') return `${base}.model.tiers.${ti}.${field}`;
    return `${base}.model.tiers.${ti}.upTo`;
  }
  if (inner in CHARGE_FIELD_LABELS) return `${base}.${inner}`;
  return `${base}.metricKey`;
}

/** The label of an editor field, with its charge number. */
export function fieldLabel(field: string, metricName: (key: string) => string): string {
  if (field in TOP_FIELDS) return TOP_FIELDS[field]!;
  const trial = /^trial\.freeUnits\.(.+)$/.exec(field);
  if (trial) return `Free ${metricName(trial[1]!)} during trial`;
  const tier = /^charges\.(\d+)\.model\.tiers\.(\d+)\.(upTo|unitPrice|flatFee)$/.exec(field);
  if (tier) return `Charge ${Number(tier[1]) + 1} · ${tierFieldLabel(Number(tier[2]), tier[3] as 'upTo' | 'unitPrice' | 'flatFee')}`;
  const charge = /^charges\.(\d+)\.(.+)$/.exec(field);
  if (charge) return `Charge ${Number(charge[1]) + 1} · ${CHARGE_FIELD_LABELS[charge[2]!] ?? charge[2]}`;
  return field;
}

/** The text of an editor field, to tell "empty" from "wrong"; null for fields that are not text. */
export function valueAt(field: string, form: PlanForm): string | null {
  switch (field) {
    case 'name':
      return form.name;
    case 'anchor.day':
      return form.anchorDay;
    case 'anchor.month':
      return form.anchorMonth;
    case 'baseFee':
      return form.baseFee;
    case 'minimumCommitment':
      return form.minimumCommitment;
    case 'usageCap':
      return form.usageCap;
    case 'trial.days':
      return form.trialDays;
  }
  const trial = /^trial\.freeUnits\.(.+)$/.exec(field);
  if (trial) return form.trialFreeUnits[trial[1]!] ?? '';
  const m = /^charges\.(\d+)\.(.+)$/.exec(field);
  const c = m ? form.charges[Number(m[1])] : undefined;
  if (!m || !c) return null;
  const inner = m[2]!;
  const tier = /^model\.tiers\.(\d+)\.(upTo|unitPrice|flatFee)$/.exec(inner);
  if (tier) return c.tiers[Number(tier[1])]?.[tier[2] as 'upTo' | 'unitPrice' | 'flatFee'] ?? null;
  const byPath: Record<string, string> = {
    metricKey: c.metricKey,
    description: c.description,
    'model.unitPrice': c.unitPrice,
    'model.packageSize': c.packageSize,
    'model.packagePrice': c.packagePrice,
    'model.freeUnits': c.packageFreeUnits,
    'model.rate': c.rate,
    'model.fixedFeePerEvent': c.fixedFeePerEvent,
    'model.freeEvents': c.freeEvents,
    'model.freeAmount': c.freeAmount,
    'model.minPerEvent': c.minPerEvent,
    'model.maxPerEvent': c.maxPerEvent,
    'model.multiplier': c.multiplier,
    'model.included': c.included,
    'model.overageUnitPrice': c.overageUnitPrice,
    cap: c.cap,
    minimum: c.minimum,
    limit: form.limits[c.metricKey] ?? '',
    'unitDivisor.by': c.divisorBy,
    'unitDivisor.unit': c.divisorUnit,
  };
  return byPath[inner] ?? null;
}

const TYPE_ERROR = /must be a (decimal number written as text|whole number)/;

/** True when the problem is only "this required field is empty". */
export function isEmptyProblem(field: string | null, message: string, form: PlanForm): boolean {
  if (field === null) return false;
  const value = valueAt(field, form);
  if (value === null || value.trim() !== '') return false;
  return TYPE_ERROR.test(message) || message === 'Choose a metric.' || message === 'Enter the plan name.';
}

/** Puts each problem under its field; a required field left empty reads "<label> is required." */
export function placeProblems(problems: readonly PlanProblem[], form: PlanForm, metricName: (key: string) => string): PlacedProblem[] {
  return problems.map((p) => {
    const field = fieldFor(p.path, form);
    const label = field === null ? null : fieldLabel(field, metricName);
    const shortLabel = label?.replace(/^Charge \d+ · /, '') ?? null;
    const empty = isEmptyProblem(field, p.message, form);
    const message =
      empty && shortLabel !== null && TYPE_ERROR.test(p.message) ? `${shortLabel} is required.` : p.message.replace(' (upTo: null)', ' (leave its “Up to” empty)');
    return { field, label, message, empty };
  });
}

/** Messages per field, in order. */
export function messagesByField(placed: readonly PlacedProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of placed) {
    if (p.field === null) continue;
    const list = (out[p.field] ??= []);
    if (!list.includes(p.message)) list.push(p.message);
  }
  return out;
}

/**
 * The problems in a failed command's answer: `fields` (or `field`) as paths; the message itself when it names
 * no field.
 */
export function serverProblems(error: CommandError | null): { problems: PlanProblem[]; general: string | null } {
  if (!error) return { problems: [], general: null };
  const fields = error.fields && Object.keys(error.fields).length > 0 ? error.fields : error.field ? { [error.field]: error.message } : null;
  if (!fields) return { problems: [], general: error.message };
  const problems = Object.entries(fields).map(([path, message]) => ({ path, message }));
  const general = problems.some((p) => p.message === error.message) ? null : error.message;
  return { problems, general };
}

/** "Charge 1 · Tier 2 up to: …"; the field label is left out when the message already names it ("Tier 2 ends at …"). */
export function summaryText(p: PlacedProblem): string {
  if (!p.label) return p.message;
  const [charge, short] = p.label.includes(' · ') ? (p.label.split(' · ') as [string, string]) : [null, p.label];
  const tier = /^Tier \d+/.exec(short)?.[0];
  const named = p.message.startsWith(short) || (tier !== undefined && p.message.startsWith(`${tier} `));
  if (!named) return `${p.label}: ${p.message}`;
  return charge ? `${charge} · ${p.message}` : p.message;
}
