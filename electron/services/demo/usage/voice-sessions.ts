// Runs in main. A voice/app platform that bills 15-minute sessions: every conversation is one
// usage-session event whose quantity is its duration in seconds, with its AI and human-agent segments
// (the session-block aggregation cuts it into 15-minute blocks and leaves human-agent time out).
// Phone conversations also count as voice sessions (human time included). Alerts are counted each.
import type { UsageSpec } from '../demo-clients';
import type { Tenant } from '../demo-types';
import { forEachOccurrence, type EventSink } from '../event-sink';
import type { Rng } from '../prng';

type VoiceSpec = NonNullable<UsageSpec['voice']>;

const clampRound = (n: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, n)));

export function generateVoiceSessions(tenant: Tenant, spec: VoiceSpec, appIds: readonly string[], sink: EventSink, rng: Rng): void {
  spec.apps.forEach((app, i) => {
    const clientKey = `project:${appIds[i]!}`;
    forEachOccurrence(tenant, sink, rng, app.conversationsPerMonth, (occurredAt) => {
      const voice = rng.chance(app.voiceShare);
      const transferred = rng.chance(app.transferShare);
      const segments: Array<{ kind: 'ai' | 'human_agent'; seconds: number }> = [];
      if (transferred) {
        segments.push({ kind: 'ai', seconds: clampRound(rng.logNormal(150, 0.5), 30, 600) });
        segments.push({ kind: 'human_agent', seconds: clampRound(rng.logNormal(360, 0.6), 60, 1800) });
      } else {
        segments.push({ kind: 'ai', seconds: voice ? clampRound(rng.logNormal(300, 0.6), 40, 1500) : clampRound(rng.logNormal(420, 0.7), 45, 2700) });
      }
      const durationSeconds = segments.reduce((s, x) => s + x.seconds, 0);
      const sessionId = sink.newId('voice', () => rng.hex(24));
      const attrs = JSON.stringify({ durationSeconds, segments, channel: voice ? 'voice' : 'chat', app: app.name });
      const base = { provider: 'voice' as const, client: tenant.client, clientKey, quantity: durationSeconds, occurredAt, cost: null, attrs };
      sink.push({ ...base, externalId: sessionId, metric: 'usage_sessions' });
      if (voice) sink.push({ ...base, externalId: `${sessionId}_voice`, metric: 'voice_sessions' });
    });
  });

  // alerts go out on their schedule whatever the volume, while the client is active
  const clientKey = `project:${appIds[0]!}`;
  for (const alert of spec.alerts) {
    for (const day of tenant.calendar.days) {
      if (!tenant.shape.active(day)) continue;
      if (alert.weekdaysOnly && tenant.shape.profile.weekday[day.weekday - 1]! < 0.5) continue;
      for (const time of alert.times) {
        const [hh, mm] = time.split(':').map(Number) as [number, number];
        const occurredAt = tenant.calendar.toUtcMs(day, hh * 3_600_000 + mm * 60_000 + rng.int(0, 90_000));
        if (!sink.accepts(occurredAt)) continue;
        sink.push({
          provider: 'voice',
          externalId: sink.newId('voice', () => `alert_${rng.hex(24)}`),
          client: tenant.client,
          clientKey,
          metric: 'alert_sessions',
          quantity: 1,
          occurredAt,
          cost: null,
          attrs: JSON.stringify({ alert: alert.name, user: alert.user }),
        });
      }
    }
  }
}
