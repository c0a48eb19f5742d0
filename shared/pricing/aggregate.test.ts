import { describe, expect, it } from 'vitest';
import { Dec } from '../money/decimal';
import { periodByLabel } from '../time/billing-period';
import { aggregate, countEvents, maxQuantity, sessionBlocks, sumQuantity, timeWeighted, uniqueCount, type UsageEventInput } from './aggregate';
import { findMetric } from './metrics';
import { settle } from './settle';

const OCT = { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z' }; // 31 days
const SEP = { start: '2026-09-01T00:00:00Z', end: '2026-10-01T00:00:00Z' }; // 30 days
const ev = (occurredAt: string, quantity: number | string = 1, attrs?: Record<string, unknown>, cost?: string): UsageEventInput => ({ occurredAt, quantity, attrs: attrs ?? null, cost: cost ?? null });
const text = (d: Dec) => d.toFixed();

describe('count, sum, max, unique count', () => {
  const events = [
    ev('2026-09-30T23:59:59.999Z', 5, { phoneNumber: '+15550001' }),
    ev('2026-10-01T00:00:00Z', 2, { phoneNumber: '+15550001' }),
    ev('2026-10-15T12:00:00Z', 7, { phoneNumber: '+15550002' }),
    ev('2026-10-31T23:59:59.999Z', 3, { phoneNumber: '+15550001' }),
    ev('2026-11-01T00:00:00Z', 9, { phoneNumber: '+15550003' }),
  ];
  it('the window is [start, end)', () => {
    expect(text(countEvents(events, OCT))).toBe('3');
    expect(text(sumQuantity(events, OCT))).toBe('12');
    expect(text(maxQuantity(events, OCT))).toBe('7');
    expect(text(uniqueCount(events, OCT, { attribute: 'phoneNumber' }))).toBe('2');
    expect(text(maxQuantity([], OCT))).toBe('0');
  });

  it('phone numbers prorated from provisioning, no refund on release (reference/002: "A number provisioned on the fifteenth of one month incurs a pro-rated charge for the partial month")', () => {
    const numbers = [
      ev('2026-10-15T00:00:00Z', 1, { phoneNumber: '+15550001', provisionedAt: '2026-10-15T00:00:00Z' }),
      ev('2026-10-20T00:00:00Z', 1, { phoneNumber: '+15550002', provisionedAt: '2026-03-01T00:00:00Z' }),
    ];
    // +15550001: Oct 15..Nov 1 = 17 of 31 days; +15550002: provisioned long before = 1 whole month.
    const q = uniqueCount(numbers, OCT, { attribute: 'phoneNumber', prorateFromAttribute: 'provisionedAt' });
    expect(q.toDecimalPlaces(12).toFixed()).toBe(new Dec(17).div(31).plus(1).toDecimalPlaces(12).toFixed());
    // at $2 per number-month: 2 × (1 + 17/31) = 3.0967... -> $3.10
    expect(q.times(2).toDecimalPlaces(2).toFixed(2)).toBe('3.10');
  });
});

describe('session blocks (reference/003 Billing Sessions)', () => {
  const usage = { blockMinutes: 15, excludeSegments: ['human_agent'] };
  const voice = { blockMinutes: 15, excludeSegments: [] };
  const call = (seconds: number, attrs: Record<string, unknown> = {}) => ev('2026-10-05T10:00:00Z', seconds, attrs);

  it('"if a user converses with the app for 31 minutes, then it would be counted as 3 sessions (0-15, 16-30,31-End)"', () => {
    expect(text(sessionBlocks([call(31 * 60)], OCT, usage))).toBe('3');
  });
  it('boundaries: 15:00 = 1, 15:01 = 2, 30:00 = 2, 30:30 = 3, 0 s = 0', () => {
    expect([900, 901, 1800, 1830, 0].map((s) => text(sessionBlocks([call(s)], OCT, usage)))).toEqual(['1', '2', '2', '3', '0']);
  });
  it('"the time spent with the human agent will be excluded from the app session"', () => {
    // 40 minutes, 12 of them with a human agent: 28 AI minutes = 2 usage sessions
    const c = call(40 * 60, { segments: [{ kind: 'human_agent', seconds: 12 * 60 }] });
    expect(text(sessionBlocks([c], OCT, usage))).toBe('2');
    // Voice sessions count "every 15 minutes of interaction with the AI Agent or a human Agent": 40 minutes = 3
    expect(text(sessionBlocks([c], OCT, voice))).toBe('3');
    // all of it with a human: nothing left, 0 usage sessions
    expect(text(sessionBlocks([call(600, { segments: [{ kind: 'human_agent', seconds: 600 }] })], OCT, usage))).toBe('0');
  });
  it('blocks are rounded up per conversation, not over the total', () => {
    // two 16-minute calls = 2 + 2 sessions, not ceil(32/15) = 3
    expect(text(sessionBlocks([call(16 * 60), call(16 * 60)], OCT, usage))).toBe('4');
    // the same conversation reported in two events (e.g. two legs) is one conversation: 16 + 15 min = 31 min = 3
    expect(text(sessionBlocks([call(16 * 60, { conversationId: 'c1' }), call(15 * 60, { conversationId: 'c1' })], OCT, usage))).toBe('3');
  });
  it('durationSeconds overrides the quantity', () => {
    expect(text(sessionBlocks([call(1, { durationSeconds: 3600 })], OCT, usage))).toBe('4');
  });
});

describe('alert sessions (reference/003: "a sales report every 8 hours in a day, this user would consume 3 alert sessions")', () => {
  it('3 per day, 93 in October', () => {
    const alerts: UsageEventInput[] = [];
    for (let day = 1; day <= 31; day++) for (const h of ['00', '08', '16']) alerts.push(ev(`2026-10-${String(day).padStart(2, '0')}T${h}:00:00Z`));
    const metric = findMetric('alert_sessions')!;
    expect(text(aggregate(metric, alerts, { start: '2026-10-01T00:00:00Z', end: '2026-10-02T00:00:00Z' }).quantity)).toBe('3');
    expect(text(aggregate(metric, alerts, OCT).quantity)).toBe('93');
  });
});

describe('time-weighted seats (reference/001: "$0.0069 per hour per user (this comes out to $5.00 per month)")', () => {
  const seats = { per: 'hour' as const, mode: 'delta' as const };
  it('one seat all month: 720 seat-hours in a 30-day month, 744 in a 31-day month', () => {
    const events = [ev('2026-01-10T00:00:00Z', 1)]; // added long before
    const sep = timeWeighted(events, SEP, seats);
    const oct = timeWeighted(events, OCT, seats);
    expect(text(sep)).toBe('720');
    expect(text(oct)).toBe('744');
    expect(text(sep.times('0.0069'))).toBe('4.968'); // $4.97 ≈ "$5.00 per month"
    expect(text(oct.times('0.0069'))).toBe('5.1336'); // $5.13
  });
  it('"they are incrementally charged hourly in case they add/remove users mid-way through the month"', () => {
    // a second seat added Sep 16 00:00 and removed Sep 21 00:00: 720 + 5 × 24 = 840 seat-hours
    const events = [ev('2026-08-01T00:00:00Z', 1), ev('2026-09-16T00:00:00Z', 1), ev('2026-09-21T00:00:00Z', -1)];
    expect(text(timeWeighted(events, SEP, seats))).toBe('840');
    // a seat added mid-month only: Sep 16 00:00 .. Oct 1 = 360 seat-hours = $2.484
    const q = timeWeighted([ev('2026-09-16T00:00:00Z', 1)], SEP, seats);
    expect(text(q)).toBe('360');
    expect(text(q.times('0.0069'))).toBe('2.484');
  });
  it('prorated to the second: a seat added at 10:30:15 on the last day', () => {
    const q = timeWeighted([ev('2026-09-30T10:30:15Z', 1)], SEP, seats);
    // 13 h 29 min 45 s = 48,585 s = 13.4958333… seat-hours (a non-terminating decimal, held to 60 digits)
    expect(q.toSignificantDigits(12).toFixed()).toBe('13.4958333333');
    expect(settle(q.times(3600)).toFixed()).toBe('48585');
  });
  it('a month with a DST change has 743 hours in America/New_York (exact, from the zone-aware period)', () => {
    const march = periodByLabel('2026-03', { interval: 'month', anchor: { kind: 'calendar' }, zone: 'America/New_York' });
    expect(text(timeWeighted([ev('2026-01-01T00:00:00Z', 1)], march, seats))).toBe('743');
  });
  it('level mode uses the level in force at the window start', () => {
    const events = [ev('2026-08-20T00:00:00Z', 3), ev('2026-09-11T00:00:00Z', 2)];
    expect(text(timeWeighted(events, SEP, { per: 'hour', mode: 'level' }))).toBe(String(3 * 240 + 2 * 480));
  });
});

describe('storage MB-days (reference/001: "$0.006 per MB per day ... calculated and deducted from your wallet hourly")', () => {
  const storage = findMetric('storage')!;
  it('100 MB all September = 3,000 MB-days = $18', () => {
    const q = aggregate(storage, [ev('2026-08-01T00:00:00Z', 100)], SEP).quantity;
    expect(text(q)).toBe('3000');
    expect(text(q.times('0.006'))).toBe('18');
  });
  it('uploads mid-month: 100 MB, then 250.5 MB from Sep 11 12:00', () => {
    const q = aggregate(storage, [ev('2026-08-01T00:00:00Z', 100), ev('2026-09-11T12:00:00Z', '250.5')], SEP).quantity;
    expect(text(q)).toBe('5934.75'); // 100 × 10.5 + 250.5 × 19.5
    expect(text(q.times('0.006'))).toBe('35.6085');
  });
  it('an explicit opening level when earlier samples are not loaded', () => {
    expect(text(aggregate(storage, [], SEP, { initialLevel: '10' }).quantity)).toBe('300');
  });
});

describe('call seconds (reference/002)', () => {
  const callSeconds = findMetric('call_seconds')!;
  it('"Ten calls averaging 2 minutes each consume 1,200 seconds", "5 minutes each consume 3,000 seconds - 2.5 times more"', () => {
    const two = Array.from({ length: 10 }, (_, i) => ev(`2026-10-0${1 + (i % 9)}T10:00:00Z`, 120));
    const five = Array.from({ length: 10 }, (_, i) => ev(`2026-10-0${1 + (i % 9)}T10:00:00Z`, 300));
    const a = aggregate(callSeconds, two, OCT).quantity;
    const b = aggregate(callSeconds, five, OCT).quantity;
    expect(text(a)).toBe('1200');
    expect(text(b)).toBe('3000');
    expect(text(b.div(a))).toBe('2.5');
  });
  it('reported costs and uncosted quantity are kept apart for the rate card', () => {
    const r = aggregate(callSeconds, [ev('2026-10-02T00:00:00Z', 60, {}, '0.12'), ev('2026-10-03T00:00:00Z', 30)], OCT);
    expect([text(r.quantity), r.events, text(r.reportedCost), text(r.uncostedQuantity)]).toEqual(['90', 2, '0.12', '30']);
  });
});
