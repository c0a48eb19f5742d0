// Runs in main. The demo agency and the provider accounts it pays. Each account's config carries its rate
// card in the pricing engine's format (shared/pricing/rate-card.ts): what the provider charges the agency
// per unit of a metric, as exact decimal text in the account's currency; "reported" = the provider states
// each event's cost. Where events carry a reported cost, a per-unit price only covers events without one.
import type { ProviderKind } from '../../../shared/domain/provider';
import type { RateCardInput } from '../../../shared/pricing/rate-card';
import type { ProviderKey } from './demo-types';

export const DEMO_AGENCY = {
  name: 'Brightline AI Studio',
  contactName: 'Maya Okafor',
  email: 'billing@brightline.studio',
  phone: '+1 212 555 0148',
  website: 'https://brightline.studio',
  address: {
    line1: '200 Park Avenue South',
    line2: 'Suite 1100',
    city: 'New York',
    region: 'NY',
    postalCode: '10003',
    country: 'US',
  },
  taxId: 'EIN 84-2917365',
  currency: 'USD',
  timeZone: 'America/New_York',
  locale: 'en-US',
  /** days before the window's end the workspace was set up */
  createdDaysAgo: 760,
} as const;

export interface ProviderConfig {
  /** the provider's plan the agency is on */
  plan: string;
  rateCard: RateCardInput;
  /** non-secret connector settings */
  connector: Record<string, string>;
  notes: string;
}

export interface ProviderSpec {
  key: ProviderKey;
  kind: ProviderKind;
  name: string;
  currency: string;
  createdDaysAgo: number;
  config: ProviderConfig;
}

export const DEMO_PROVIDERS: readonly ProviderSpec[] = [
  {
    key: 'agentclara',
    kind: 'agentclara',
    name: 'AgentClara Pro',
    currency: 'USD',
    createdDaysAgo: 540,
    config: {
      plan: 'Pro',
      rateCard: {
        name: 'AgentClara Pro',
        currency: 'USD',
        charges: [{ metricKey: 'interactions', description: 'Per interaction (Pro plan)', model: { type: 'per_unit', unitPrice: '0.35' } }],
      },
      connector: { baseUrl: 'https://agentclara.app', billingPage: 'https://agentclara.app/master/billing' },
      notes: 'Pro plan: $0.35 per interaction (one customer message + one Clara response), up to 10,000 a month. Starter is $0.50.',
    },
  },
  {
    key: 'closebot',
    kind: 'closebot',
    name: 'CloseBot Agency',
    currency: 'USD',
    createdDaysAgo: 400,
    config: {
      plan: 'Agency',
      rateCard: {
        name: 'CloseBot Agency',
        currency: 'USD',
        charges: [
          { metricKey: 'messages', description: 'Per message response', model: { type: 'per_unit', unitPrice: '0.006' } },
          { metricKey: 'seats', description: 'Per seat-hour', model: { type: 'per_unit', unitPrice: '0.0069' } },
          { metricKey: 'storage', description: 'Per MB-day', model: { type: 'per_unit', unitPrice: '0.006' } },
          { metricKey: 'ai_tokens', description: 'AI provider tokens at the cost CloseBot reports', model: { type: 'reported' } },
        ],
      },
      connector: { baseUrl: 'https://api.closebot.com', wallet: 'agency' },
      notes:
        'Deducted from the agency wallet: $0.006 per message response, $0.0069 per seat-hour (about $5 a seat a month), ' +
        '$0.006 per MB-day of storage. AI provider tokens are passed through at the cost CloseBot reports per message.',
    },
  },
  {
    key: 'voice',
    kind: 'voice_sessions',
    name: 'Kora XO Platform',
    currency: 'USD',
    createdDaysAgo: 300,
    config: {
      plan: 'Business',
      rateCard: {
        name: 'Kora XO Business',
        currency: 'USD',
        charges: [
          { metricKey: 'usage_sessions', description: 'Per 15-minute usage session', model: { type: 'per_unit', unitPrice: '0.20' } },
          { metricKey: 'voice_sessions', description: 'Per 15-minute voice session', model: { type: 'per_unit', unitPrice: '0.30' } },
          { metricKey: 'alert_sessions', description: 'Per alert delivered', model: { type: 'per_unit', unitPrice: '0.02' } },
        ],
      },
      connector: { baseUrl: 'https://platform.kora-xo.example', workspace: 'brightline' },
      notes:
        'Usage sessions are blocks of 15 minutes of conversation with an app, human-agent time excluded; voice sessions are ' +
        'blocks of 15 minutes with the AI or a human agent; every delivered alert is one alert session.',
    },
  },
  {
    key: 'vapi',
    kind: 'vapi',
    name: 'Vapi Voice Agents',
    currency: 'USD',
    createdDaysAgo: 260,
    config: {
      plan: 'Pay as you go',
      rateCard: {
        name: 'Vapi pay as you go',
        currency: 'USD',
        charges: [
          { metricKey: 'call_seconds', description: 'Per call second (calls without a reported cost)', model: { type: 'per_unit', unitPrice: '0.0012' } },
          { metricKey: 'phone_numbers', description: 'Per number per month', model: { type: 'per_unit', unitPrice: '2.00' } },
        ],
      },
      connector: { baseUrl: 'https://api.vapi.ai' },
      notes:
        'Vapi reports the cost of every call (platform, transcriber, model, voice, telephony); $0.0012 a second is the ' +
        'fallback estimate. Phone numbers: $2.00 per number per month.',
    },
  },
  {
    key: 'twilio',
    kind: 'twilio',
    name: 'Twilio Messaging',
    currency: 'USD',
    createdDaysAgo: 700,
    config: {
      plan: 'Pay as you go',
      rateCard: {
        name: 'Twilio pay as you go',
        currency: 'USD',
        charges: [
          { metricKey: 'sms', description: 'Per US SMS segment (messages without a reported price)', model: { type: 'per_unit', unitPrice: '0.0079' } },
          { metricKey: 'phone_numbers', description: 'Per local number per month', model: { type: 'per_unit', unitPrice: '1.15' } },
        ],
      },
      connector: { baseUrl: 'https://api.twilio.com/2010-04-01' },
      notes: 'Twilio reports the price of every message (per segment, by destination). Local numbers: $1.15 per number per month.',
    },
  },
  {
    key: 'openai',
    kind: 'openai',
    name: 'OpenAI Platform',
    currency: 'USD',
    createdDaysAgo: 620,
    config: {
      plan: 'Usage tier 4',
      rateCard: {
        name: 'OpenAI list prices',
        currency: 'USD',
        charges: [
          {
            metricKey: 'ai_tokens',
            description: 'Per million tokens (buckets without a reported cost)',
            model: { type: 'per_unit', unitPrice: '2.50' },
            unitDivisor: { by: '1000000', rounding: 'exact', unit: 'million tokens' },
          },
        ],
      },
      connector: { baseUrl: 'https://api.openai.com/v1', bucketWidth: '1h' },
      notes: 'Hourly usage buckets per project or API key, priced by model (input and output tokens). $2.50 per million tokens is the fallback.',
    },
  },
];
