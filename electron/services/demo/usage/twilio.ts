// Runs in main. Twilio: one sms event per message with the price Twilio reports (price per segment
// times segments, exact decimal), plus the daily inventory of the client's numbers.
import { dec, decText } from '../../../../shared/money/decimal';
import type { UsageSpec } from '../demo-clients';
import type { Tenant } from '../demo-types';
import { forEachOccurrence, type EventSink } from '../event-sink';
import type { Rng } from '../prng';
import { generateNumberInventory } from './phone-numbers';

type TwilioSpec = NonNullable<UsageSpec['twilio']>;

const OUTBOUND_SEGMENTS = [0.72, 0.22, 0.06]; // 1, 2 or 3 segments

export function generateTwilio(tenant: Tenant, spec: TwilioSpec, subAccount: string, sink: EventSink, rng: Rng): void {
  const price = dec(spec.pricePerSegment);
  const number = spec.numbers[0];
  forEachOccurrence(tenant, sink, rng, spec.smsPerMonth, (occurredAt) => {
    const inbound = rng.chance(spec.inboundShare);
    const segments = inbound ? (rng.chance(0.9) ? 1 : 2) : 1 + rng.weighted(OUTBOUND_SEGMENTS);
    sink.push({
      provider: 'twilio',
      externalId: sink.newId('twilio', () => `SM${rng.hex(32)}`),
      client: tenant.client,
      clientKey: `sub_account:${subAccount}`,
      metric: 'sms',
      quantity: 1,
      occurredAt,
      cost: decText(price.times(segments)),
      attrs: JSON.stringify({
        direction: inbound ? 'inbound' : 'outbound-api',
        segments,
        ...(number !== undefined ? { phoneNumber: number } : {}),
        status: inbound ? 'received' : 'delivered',
      }),
    });
  });
  generateNumberInventory(
    'twilio',
    tenant,
    spec.numbers.map((n) => ({ number: n })),
    sink,
  );
}
