// Runs in main. CloseBot: message responses (priced by the rate card), the AI tokens behind each
// response (cost reported by CloseBot, passed through), user seats as level events (the seat count
// after each change, so seat-hours can be time-weighted) and daily storage samples in MB.
import { sampleMsOfDay } from '../activity-profiles';
import { utcDays } from '../demo-calendar';
import type { UsageSpec } from '../demo-clients';
import type { Tenant } from '../demo-types';
import { forEachOccurrence, type EventSink } from '../event-sink';
import type { Rng } from '../prng';
import { tokenCost } from '../token-models';
import { DAYS_PER_MONTH } from '../volume-shape';

type CloseBotSpec = NonNullable<UsageSpec['closebot']>;

const CHANNELS = ['sms', 'web_chat', 'facebook', 'instagram', 'email', 'whatsapp'] as const;
const CHANNEL_WEIGHTS = [0.35, 0.3, 0.1, 0.08, 0.12, 0.05];

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

export function generateCloseBot(tenant: Tenant, spec: CloseBotSpec, sourceIds: readonly string[], sink: EventSink, rng: Rng): void {
  spec.sources.forEach((source, i) => generateMessages(tenant, spec, sourceIds[i]!, source.share, sink, rng));
  generateSeats(tenant, spec, sourceIds[0]!, sink, rng);
  generateStorage(tenant, spec, sourceIds[0]!, sink, rng);
}

function generateMessages(tenant: Tenant, spec: CloseBotSpec, sourceId: string, share: number, sink: EventSink, rng: Rng): void {
  const clientKey = `source:${sourceId}`;
  forEachOccurrence(tenant, sink, rng, spec.messagesPerMonth * share, (occurredAt) => {
    const messageId = sink.newId('closebot', () => `msg_${rng.base62(20)}`);
    const channel = CHANNELS[rng.weighted(CHANNEL_WEIGHTS)]!;
    sink.push({
      provider: 'closebot',
      externalId: messageId,
      client: tenant.client,
      clientKey,
      metric: 'messages',
      quantity: 1,
      occurredAt,
      cost: null,
      attrs: JSON.stringify({ channel }),
    });
    // prompt (instructions, knowledge-library snippets, history) and the reply
    const inputTokens = Math.round(clamp(rng.logNormal(2600, 0.35), 900, 9000));
    const outputTokens = Math.round(clamp(rng.logNormal(140, 0.5), 20, 900));
    sink.push({
      provider: 'closebot',
      externalId: `${messageId}_tokens`,
      client: tenant.client,
      clientKey,
      metric: 'ai_tokens',
      quantity: inputTokens + outputTokens,
      occurredAt,
      cost: tokenCost(spec.model, inputTokens, outputTokens),
      attrs: JSON.stringify({ model: spec.model, inputTokens, outputTokens, messageId }),
    });
  });
}

/** Seat count at the window's start (or the client's first day), then after each change. */
function generateSeats(tenant: Tenant, spec: CloseBotSpec, sourceId: string, sink: EventSink, rng: Rng): void {
  const { calendar, shape } = tenant;
  const clientKey = `source:${sourceId}`;
  const activeDays = calendar.days.filter((d) => shape.active(d) && sink.accepts(d.startMs) && sink.accepts(d.endMs - 1));
  if (activeDays.length === 0) return;
  const push = (occurredAt: number, seats: number, attrs: Record<string, unknown>) =>
    sink.push({
      provider: 'closebot',
      externalId: `seats_${sourceId}_${occurredAt}`,
      client: tenant.client,
      clientKey,
      metric: 'seats',
      quantity: seats,
      occurredAt,
      cost: null,
      attrs: JSON.stringify({ kind: 'level', ...attrs }),
    });

  const [first, ...changes] = spec.seats;
  if (first === undefined) return;
  const firstActive = calendar.days.find((d) => shape.active(d))!;
  push(Math.max(sink.window.fromMs, firstActive.startMs), first, { reason: 'opening_level' });

  // changes land on distinct working days, away from the window's edges
  const candidates = activeDays.filter((d, i) => i >= 3 && i < activeDays.length - 2 && shape.profile.weekday[d.weekday - 1]! >= 0.8);
  const picked = new Set<number>();
  while (picked.size < Math.min(changes.length, candidates.length)) picked.add(rng.int(0, candidates.length - 1));
  const days = [...picked].sort((a, b) => a - b).map((i) => candidates[i]!);
  let previous = first;
  days.forEach((day, i) => {
    const seats = changes[i]!;
    push(calendar.toUtcMs(day, 9 * 3_600_000 + rng.int(0, 8 * 3_600_000)), seats, { previous });
    previous = seats;
  });

  // a paused client keeps one admin seat
  const paused = shape.spec.pausedDaysAgo;
  const pauseDay = paused === undefined ? undefined : calendar.days.find((d) => d.daysBeforeEnd === paused);
  if (pauseDay && previous > 1) push(calendar.toUtcMs(pauseDay, sampleMsOfDay(rng, shape.profile)), 1, { previous, reason: 'paused' });
}

/** Daily samples (00:00 UTC, when CloseBot meters) of the MB stored in the client's knowledge library. */
function generateStorage(tenant: Tenant, spec: CloseBotSpec, sourceId: string, sink: EventSink, rng: Rng): void {
  const { startsDaysAgo, pausedDaysAgo } = tenant.shape.spec;
  const dailyGrowth = spec.storageMb.growthPerMonth / DAYS_PER_MONTH;
  let mb = spec.storageMb.start;
  for (const day of utcDays(sink.window)) {
    if (startsDaysAgo !== undefined && day.daysBeforeEnd > startsDaysAgo) continue;
    sink.push({
      provider: 'closebot',
      externalId: `storage_${sourceId}_${day.date}`,
      client: tenant.client,
      clientKey: `source:${sourceId}`,
      metric: 'storage',
      quantity: mb,
      occurredAt: day.startMs,
      cost: null,
      attrs: JSON.stringify({ kind: 'level' }),
    });
    if (pausedDaysAgo !== undefined && day.daysBeforeEnd <= pausedDaysAgo) continue; // nobody uploads while paused
    mb += Math.max(0, Math.round(mb * dailyGrowth * 2 * rng.next()));
    if (rng.chance(0.03)) mb += rng.int(15, 90); // a batch of documents
    if (rng.chance(0.01)) mb = Math.max(1, Math.round(mb * 0.93)); // a clean-up
  }
}
