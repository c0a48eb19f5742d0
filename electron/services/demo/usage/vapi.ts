// Runs in main. Vapi: one call_seconds event per call (quantity = duration in seconds, 30 s to 20 min)
// with the cost Vapi reports, computed in whole millionths of a dollar and converted exactly; plus the
// daily inventory of the client's numbers.
import { dec, decText } from '../../../../shared/money/decimal';
import type { UsageSpec } from '../demo-clients';
import type { Tenant } from '../demo-types';
import { forEachOccurrence, type EventSink } from '../event-sink';
import type { Rng } from '../prng';
import { generateNumberInventory } from './phone-numbers';

type VapiSpec = NonNullable<UsageSpec['vapi']>;

const MIN_CALL = 30;
const MAX_CALL = 1200;
const clampRound = (n: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, n)));

export function generateVapi(tenant: Tenant, spec: VapiSpec, assistantIds: readonly string[], sink: EventSink, rng: Rng): void {
  const shares = spec.assistants.map((a) => a.share);
  forEachOccurrence(tenant, sink, rng, spec.callsPerMonth, (occurredAt, day) => {
    const a = rng.weighted(shares);
    const assistant = spec.assistants[a]!;
    const numbers = spec.numbers.filter((n) => n.addedDaysAgo === undefined || day.daysBeforeEnd <= n.addedDaysAgo);
    const phoneNumber = rng.pick(numbers).number;

    let durationSeconds: number;
    let humanAgentSeconds: number | undefined;
    let endedReason: string;
    if (assistant.direction === 'outbound' && rng.chance(0.3)) {
      durationSeconds = rng.int(MIN_CALL, 60);
      endedReason = 'voicemail';
    } else if (assistant.direction === 'inbound' && rng.chance(0.08)) {
      const ai = clampRound(rng.logNormal(120, 0.5), MIN_CALL, 600);
      humanAgentSeconds = Math.min(MAX_CALL - ai, clampRound(rng.logNormal(240, 0.6), 30, 900));
      durationSeconds = ai + humanAgentSeconds;
      endedReason = 'assistant-forwarded-call';
    } else {
      durationSeconds = clampRound(rng.logNormal(assistant.direction === 'inbound' ? 150 : 120, 0.8), MIN_CALL, MAX_CALL);
      endedReason = rng.chance(0.7) ? 'customer-ended-call' : 'assistant-ended-call';
    }
    // per-second stack cost plus the model's tokens for this call, in millionths of a dollar
    const micros = durationSeconds * spec.microsPerSecond + rng.int(300, 2500);
    sink.push({
      provider: 'vapi',
      externalId: sink.newId('vapi', () => rng.uuid()),
      client: tenant.client,
      clientKey: `assistant:${assistantIds[a]!}`,
      metric: 'call_seconds',
      quantity: durationSeconds,
      occurredAt,
      cost: decText(dec(micros).div(1_000_000)),
      attrs: JSON.stringify({
        durationSeconds,
        ...(humanAgentSeconds !== undefined ? { humanAgentSeconds } : {}),
        phoneNumber,
        direction: assistant.direction,
        assistant: assistant.name,
        endedReason,
      }),
    });
  });
  generateNumberInventory('vapi', tenant, spec.numbers, sink);
}
