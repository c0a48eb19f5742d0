// Runs anywhere. No Node, no DOM. Pure aggregation of in-memory usage events over a window [start, end).
//
// Quantities are exact decimals (Dec). Event quantities are integers in the metric's base unit (or decimal
// text for levels such as 12.5 MB); timestamps are UTC epoch ms or ISO text. No function here reads a clock.
//
// - count:          number of events in the window.
// - sum:            sum of event quantities.
// - max:            largest event quantity (0 when there is none).
// - unique_count:   distinct values of an attribute (phone numbers); optionally prorated from when each was provisioned.
// - time_weighted:  integral of a level over the window (level in force at the window start included), exact to
//                   the millisecond, in unit-hours / unit-days: 1 seat for 30 days = 720 seat-hours.
// - session_blocks: per conversation, (duration − excluded segments) cut into N-minute blocks, rounded up:
//                   31 minutes = 3 fifteen-minute sessions (0-15, 16-30, 31-end); 30:00 = 2; 0 seconds left = 0.
import { Dec, dec } from '../money/decimal';
import { toEpochMs, type InstantInput } from '../time/instant';
import { TIME_UNIT_MS, type MetricDefinition, type TimeUnit } from './metrics';

export interface UsageEventInput {
  occurredAt: InstantInput;
  /** Integer in the metric's base unit (number or decimal text); for time-weighted metrics the level or the change. */
  quantity: number | string | Dec;
  /** Provider's own cost of the event (decimal text), null when the rate card prices it. */
  cost?: string | Dec | null;
  /** { phoneNumber }, { durationSeconds, segments: [{ kind, seconds }], conversationId }, ... */
  attrs?: Readonly<Record<string, unknown>> | null;
}

export interface Window {
  start: InstantInput;
  end: InstantInput;
}

export interface Aggregate {
  /** the metric's quantity in the window, in the metric's unit */
  quantity: Dec;
  /** events that fell in the window */
  events: number;
  /** sum of the provider-reported costs of those events */
  reportedCost: Dec;
  /** base-unit quantity of the events that carry no provider cost (priced by the rate card) */
  uncostedQuantity: Dec;
}

interface Bounds {
  start: number;
  end: number;
}

function bounds(w: Window): Bounds {
  const start = toEpochMs(w.start);
  const end = toEpochMs(w.end);
  if (end <= start) throw new Error(`The window must end after it starts (got ${String(w.start)} .. ${String(w.end)}).`);
  return { start, end };
}

function inWindow(events: readonly UsageEventInput[], b: Bounds): UsageEventInput[] {
  return events.filter((e) => {
    const t = toEpochMs(e.occurredAt);
    return t >= b.start && t < b.end;
  });
}

function qty(e: UsageEventInput): Dec {
  return dec(e.quantity);
}

export function countEvents(events: readonly UsageEventInput[], window: Window): Dec {
  return new Dec(inWindow(events, bounds(window)).length);
}

export function sumQuantity(events: readonly UsageEventInput[], window: Window): Dec {
  let total = new Dec(0);
  for (const e of inWindow(events, bounds(window))) total = total.plus(qty(e));
  return total;
}

export function maxQuantity(events: readonly UsageEventInput[], window: Window): Dec {
  let max: Dec | null = null;
  for (const e of inWindow(events, bounds(window))) {
    const q = qty(e);
    if (max === null || q.greaterThan(max)) max = q;
  }
  return max ?? new Dec(0);
}

/**
 * Distinct values of `attribute` among the window's events (events without it are ignored).
 * With `prorateFromAttribute`, each value weighs (end − max(start, provisionedAt)) / (end − start): provisioned
 * mid-period = the rest of the period; provisioned before = 1; release dates are ignored (no partial refunds).
 */
export function uniqueCount(
  events: readonly UsageEventInput[],
  window: Window,
  options: { attribute: string; prorateFromAttribute?: string | undefined },
): Dec {
  const b = bounds(window);
  const earliest = new Map<string, number>();
  for (const e of inWindow(events, b)) {
    const v = e.attrs?.[options.attribute];
    if (v === undefined || v === null || v === '') continue;
    const key = String(v);
    let from = b.start;
    if (options.prorateFromAttribute) {
      const p = e.attrs?.[options.prorateFromAttribute];
      from = p === undefined || p === null ? toEpochMs(e.occurredAt) : toEpochMs(p as InstantInput);
      from = Math.max(from, b.start);
    }
    const seen = earliest.get(key);
    if (seen === undefined || from < seen) earliest.set(key, from);
  }
  if (!options.prorateFromAttribute) return new Dec(earliest.size);
  let total = new Dec(0);
  const length = new Dec(b.end - b.start);
  // Sorted for determinism of the (exact) sum's evaluation order.
  for (const key of [...earliest.keys()].sort()) total = total.plus(new Dec(b.end - earliest.get(key)!).div(length));
  return total;
}

/**
 * Integral of a level over the window, in level × `per` (seat-hours, MB-days).
 * Events at or after the window end are ignored; events before the start set the opening level.
 * Events at the same instant apply in the order given.
 */
export function timeWeighted(
  events: readonly UsageEventInput[],
  window: Window,
  options: { per: TimeUnit; mode?: 'level' | 'delta'; initialLevel?: string | Dec | undefined },
): Dec {
  const b = bounds(window);
  const mode = options.mode ?? 'level';
  const sorted = events
    .map((e, i) => ({ t: toEpochMs(e.occurredAt), q: qty(e), i }))
    .sort((x, y) => x.t - y.t || x.i - y.i);
  let level = options.initialLevel === undefined ? new Dec(0) : dec(options.initialLevel);
  const apply = (q: Dec) => {
    level = mode === 'level' ? q : level.plus(q);
  };
  let k = 0;
  for (; k < sorted.length && sorted[k]!.t < b.start; k++) apply(sorted[k]!.q);
  // level × milliseconds, exact
  let area = new Dec(0);
  let at = b.start;
  for (; k < sorted.length && sorted[k]!.t < b.end; k++) {
    const ev = sorted[k]!;
    area = area.plus(level.times(ev.t - at));
    at = ev.t;
    apply(ev.q);
  }
  area = area.plus(level.times(b.end - at));
  return area.div(TIME_UNIT_MS[options.per]);
}

/** One conversation's seconds: `attrs.durationSeconds` (else the quantity) and excluded segment seconds. */
function conversationSeconds(e: UsageEventInput, exclude: ReadonlySet<string>): { total: Dec; excluded: Dec } {
  const a = e.attrs ?? {};
  const total = a['durationSeconds'] !== undefined ? dec(a['durationSeconds'] as number | string) : qty(e);
  let excluded = new Dec(0);
  const segments = Array.isArray(a['segments']) ? (a['segments'] as unknown[]) : [];
  for (const s of segments) {
    if (s && typeof s === 'object') {
      const seg = s as { kind?: unknown; seconds?: unknown };
      if (typeof seg.kind === 'string' && exclude.has(seg.kind)) excluded = excluded.plus(dec(seg.seconds as number | string));
    }
  }
  return { total, excluded };
}

/**
 * Session blocks: events of one conversation (same `attrs.conversationId`; otherwise each event is its own
 * conversation) are summed, excluded segment kinds subtracted, and the rest cut into `blockMinutes` blocks,
 * rounded up per conversation.
 */
export function sessionBlocks(
  events: readonly UsageEventInput[],
  window: Window,
  options: { blockMinutes: number; excludeSegments?: readonly string[] | undefined },
): Dec {
  const exclude = new Set(options.excludeSegments ?? []);
  const block = new Dec(options.blockMinutes * 60);
  const conversations = new Map<string, Dec>();
  let anonymous = 0;
  for (const e of inWindow(events, bounds(window))) {
    const id = e.attrs?.['conversationId'];
    const key = id === undefined || id === null || id === '' ? `\u0000${anonymous++}` : `id:${String(id)}`;
    const { total, excluded } = conversationSeconds(e, exclude);
    conversations.set(key, (conversations.get(key) ?? new Dec(0)).plus(total).minus(excluded));
  }
  let blocks = new Dec(0);
  for (const seconds of conversations.values()) {
    if (seconds.greaterThan(0)) blocks = blocks.plus(seconds.div(block).ceil());
  }
  return blocks;
}

/** Aggregates a metric's events over a window, with the event count and provider-cost sums the rating needs. */
export function aggregate(
  metric: MetricDefinition,
  events: readonly UsageEventInput[],
  window: Window,
  options: { initialLevel?: string | Dec } = {},
): Aggregate {
  const b = bounds(window);
  const inside = inWindow(events, b);
  let reportedCost = new Dec(0);
  let uncostedEvents = 0;
  let uncostedSum = new Dec(0);
  for (const e of inside) {
    if (e.cost === undefined || e.cost === null) {
      uncostedEvents++;
      uncostedSum = uncostedSum.plus(qty(e));
    } else reportedCost = reportedCost.plus(dec(e.cost));
  }
  let quantity: Dec;
  switch (metric.aggregation) {
    case 'count':
      quantity = new Dec(inside.length);
      break;
    case 'sum':
      quantity = sumQuantity(inside, window);
      break;
    case 'max':
      quantity = maxQuantity(inside, window);
      break;
    case 'unique_count':
      quantity = uniqueCount(inside, window, metric.config);
      break;
    case 'time_weighted':
      // needs the events before the window too (opening level)
      quantity = timeWeighted(events, window, { per: metric.config.per, mode: metric.config.mode, initialLevel: options.initialLevel });
      break;
    case 'session_blocks':
      quantity = sessionBlocks(inside, window, metric.config);
      break;
  }
  // What the rate card must price: for additive metrics the part without a reported cost; for the others
  // (max, distinct, time-weighted, blocks) all of it when no event reports a cost, none when any does.
  const uncostedQuantity =
    metric.aggregation === 'count'
      ? new Dec(uncostedEvents)
      : metric.aggregation === 'sum'
        ? uncostedSum
        : uncostedEvents === inside.length
          ? quantity
          : new Dec(0);
  return { quantity, events: inside.length, reportedCost, uncostedQuantity };
}
