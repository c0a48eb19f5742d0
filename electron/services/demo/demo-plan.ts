// Runs in main. Builds the whole demo workspace in memory, without touching the database: provider
// accounts, clients, provider-side ids and their mappings, and every usage event. Pure function of
// (seed, window): the same inputs give the same plan, byte for byte.
import { DEMO_AGENCY, DEMO_PROVIDERS, type ProviderSpec } from './demo-agency';
import { ZoneCalendar, type DemoWindow } from './demo-calendar';
import { DEMO_CLIENTS, DEMO_UNASSIGNED, type ClientSpec, type UsageSpec } from './demo-clients';
import type { DemoEvent, ProviderKey, Tenant } from './demo-types';
import { EventSink } from './event-sink';
import { Rng } from './prng';
import { generateAgentClara } from './usage/agentclara';
import { generateCloseBot } from './usage/closebot';
import { generateOpenAi } from './usage/openai';
import { generateTwilio } from './usage/twilio';
import { generateVapi } from './usage/vapi';
import { generateVoiceSessions } from './usage/voice-sessions';
import { VolumeShape } from './volume-shape';

const DAY_MS = 86_400_000;

export interface PlannedMapping {
  provider: ProviderKey;
  /** sub_account, source, project, assistant, phone_number, api_key */
  kind: string;
  externalId: string;
  client: string;
  createdAt: string;
}

export interface DemoPlan {
  window: DemoWindow;
  /** ISO time the workspace was set up */
  agencyCreatedAt: string;
  providers: Array<ProviderSpec & { createdAt: string }>;
  clients: Array<ClientSpec & { createdAt: string }>;
  mappings: PlannedMapping[];
  /** ordered by time */
  events: DemoEvent[];
  /** days before the window's end of the one-day spike */
  spikeDaysAgo: number;
}

/** Provider-side ids of one tenant, as the provider would show them. */
interface ProviderIds {
  agentclara?: string;
  closebot?: string[];
  voice?: string[];
  vapi?: string[];
  twilio?: string;
  openai?: string;
}

/** An ISO timestamp `daysAgo` days before the window's last day, at `hourUtc` plus `minutes`. */
function daysAgoIso(window: DemoWindow, daysAgo: number, hourUtc: number, minutes = 0): string {
  return new Date(window.toMs - (daysAgo + 1) * DAY_MS + hourUtc * 3_600_000 + minutes * 60_000).toISOString();
}

function providerIds(rng: Rng, usage: UsageSpec): ProviderIds {
  const ids: ProviderIds = {};
  if (usage.agentclara) ids.agentclara = `acc_${rng.base62(10)}`;
  if (usage.closebot) ids.closebot = usage.closebot.sources.map(() => rng.base62(20));
  if (usage.voice) ids.voice = usage.voice.apps.map(() => `st-${rng.uuid()}`);
  if (usage.vapi) ids.vapi = usage.vapi.assistants.map(() => rng.uuid());
  if (usage.twilio) ids.twilio = `AC${rng.hex(32)}`;
  if (usage.openai) ids.openai = usage.openai.via === 'project' ? `proj_${rng.base62(24)}` : `key_${rng.base62(16)}`;
  return ids;
}

function generateUsage(seed: number, tenant: Tenant, usage: UsageSpec, ids: ProviderIds, spikeDaysAgo: number, sink: EventSink): void {
  const rng = (provider: ProviderKey) => Rng.derive(seed, 'usage', provider, tenant.label);
  if (usage.agentclara) generateAgentClara(tenant, usage.agentclara, ids.agentclara!, spikeDaysAgo, sink, rng('agentclara'));
  if (usage.closebot) generateCloseBot(tenant, usage.closebot, ids.closebot!, sink, rng('closebot'));
  if (usage.voice) generateVoiceSessions(tenant, usage.voice, ids.voice!, sink, rng('voice'));
  if (usage.vapi) generateVapi(tenant, usage.vapi, ids.vapi!, sink, rng('vapi'));
  if (usage.twilio) generateTwilio(tenant, usage.twilio, ids.twilio!, sink, rng('twilio'));
  if (usage.openai) generateOpenAi(tenant, usage.openai, ids.openai!, sink, rng('openai'));
}

function clientMappings(client: ClientSpec, ids: ProviderIds, window: DemoWindow): PlannedMapping[] {
  const created = (p: ProviderKey) => Math.min(client.createdDaysAgo, DEMO_PROVIDERS.find((x) => x.key === p)!.createdDaysAgo);
  const out: PlannedMapping[] = [];
  const add = (provider: ProviderKey, kind: string, externalId: string, daysAgo = created(provider)) =>
    out.push({ provider, kind, externalId, client: client.key, createdAt: daysAgoIso(window, daysAgo, 17, out.length) });
  const u = client.usage;
  if (ids.agentclara) add('agentclara', 'sub_account', ids.agentclara);
  ids.closebot?.forEach((id) => add('closebot', 'source', id));
  ids.voice?.forEach((id) => add('voice', 'project', id));
  ids.vapi?.forEach((id) => add('vapi', 'assistant', id));
  // a number is mapped the day before it goes live
  u.vapi?.numbers.forEach((n) => add('vapi', 'phone_number', n.number, Math.min(created('vapi'), (n.addedDaysAgo ?? Infinity) + 1)));
  if (ids.twilio) add('twilio', 'sub_account', ids.twilio);
  u.twilio?.numbers.forEach((n) => add('twilio', 'phone_number', n));
  if (ids.openai && u.openai) add('openai', u.openai.via, ids.openai);
  return out;
}

export function buildDemoPlan(seed: number, window: DemoWindow): DemoPlan {
  const calendars = new Map<string, ZoneCalendar>();
  const calendar = (zone: string) => {
    let c = calendars.get(zone);
    if (!c) calendars.set(zone, (c = new ZoneCalendar(zone, window)));
    return c;
  };
  const tenant = (client: string | null, label: string, zone: string, shape: ClientSpec['shape']): Tenant => {
    const cal = calendar(zone);
    return { client, label, calendar: cal, shape: new VolumeShape(shape, cal, Rng.derive(seed, 'shape', label)) };
  };

  // the one-day spike: a few weeks back, never in the window's first week
  const spikeRng = Rng.derive(seed, 'spike');
  let spikeDaysAgo = 25 + spikeRng.int(0, 20);
  if (spikeDaysAgo > window.days - 8) spikeDaysAgo = Math.floor(window.days / 2);

  const sink = new EventSink(window);
  const mappings: PlannedMapping[] = [];
  for (const client of DEMO_CLIENTS) {
    const ids = providerIds(Rng.derive(seed, 'ids', client.key), client.usage);
    mappings.push(...clientMappings(client, ids, window));
    // usage begins the day after the client was added (matters for windows longer than its history)
    const shape = { ...client.shape, startsDaysAgo: Math.min(client.shape.startsDaysAgo ?? Infinity, client.createdDaysAgo - 1) };
    const t = tenant(client.key, client.key, client.timeZone ?? DEMO_AGENCY.timeZone, shape);
    generateUsage(seed, t, client.usage, ids, spikeDaysAgo, sink);
  }
  for (const source of DEMO_UNASSIGNED) {
    const ids = providerIds(Rng.derive(seed, 'ids', source.label), source.usage);
    generateUsage(seed, tenant(null, source.label, source.timeZone, source.shape), source.usage, ids, spikeDaysAgo, sink);
  }

  return {
    window,
    agencyCreatedAt: daysAgoIso(window, DEMO_AGENCY.createdDaysAgo, 14),
    providers: DEMO_PROVIDERS.map((p, i) => ({ ...p, createdAt: daysAgoIso(window, p.createdDaysAgo, 15, i) })),
    clients: DEMO_CLIENTS.map((c, i) => ({ ...c, createdAt: daysAgoIso(window, c.createdDaysAgo, 16, i) })),
    mappings,
    events: sink.sorted(),
    spikeDaysAgo,
  };
}
