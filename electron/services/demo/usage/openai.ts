// Runs in main. OpenAI: hourly usage buckets (as the usage API reports them) per project or API key;
// quantity = input + output tokens, cost = exact list price of those tokens.
import type { UsageSpec } from '../demo-clients';
import type { Tenant } from '../demo-types';
import type { EventSink } from '../event-sink';
import type { Rng } from '../prng';
import { tokenCost } from '../token-models';

type OpenAiSpec = NonNullable<UsageSpec['openai']>;

const HOUR_MS = 3_600_000;
const clampRound = (n: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, n)));

export function generateOpenAi(tenant: Tenant, spec: OpenAiSpec, ownerId: string, sink: EventSink, rng: Rng): void {
  const { calendar, shape } = tenant;
  const hourTotal = shape.profile.hours.reduce((a, b) => a + b, 0);
  for (let bucket = sink.window.fromMs; bucket < sink.window.toMs; bucket += HOUR_MS) {
    const local = calendar.localHour(bucket);
    if (!local) continue;
    const mean = (shape.mean(local.day, spec.requestsPerMonth) * shape.profile.hours[local.hour]!) / hourTotal;
    const requests = rng.poisson(mean);
    if (requests === 0) continue;
    let inputTokens = 0;
    let outputTokens = 0;
    for (let i = 0; i < requests; i++) {
      inputTokens += clampRound(rng.logNormal(1800, 0.5), 200, 12000);
      outputTokens += clampRound(rng.logNormal(260, 0.6), 20, 2000);
    }
    sink.push({
      provider: 'openai',
      externalId: `bucket_${ownerId}_${spec.model}_${new Date(bucket).toISOString().slice(0, 13)}`,
      client: tenant.client,
      clientKey: `${spec.via}:${ownerId}`,
      metric: 'ai_tokens',
      quantity: inputTokens + outputTokens,
      occurredAt: bucket,
      cost: tokenCost(spec.model, inputTokens, outputTokens),
      attrs: JSON.stringify({ model: spec.model, inputTokens, outputTokens, requests, bucketWidth: '1h' }),
    });
  }
}
