// Runs in main. The demo agency's clients and what each one uses, plus usage that no client is mapped
// to yet. Names, addresses, phone numbers and tax ids are fictional (phone numbers are in the ranges
// regulators reserve for fiction: 555-01xx in North America, 02 5550 in Australia, 030 23125 in Germany).
import { ALWAYS_ON, CLINIC, LOGISTICS, OFFICE, OFFICE_GULF, OFFICE_NEPAL } from './activity-profiles';
import type { TokenModel } from './token-models';
import type { ShapeSpec } from './volume-shape';

export interface AlertSpec {
  readonly name: string;
  readonly user: string;
  /** local delivery times, HH:MM */
  readonly times: readonly string[];
  readonly weekdaysOnly: boolean;
}

/** What a client (or an unmapped provider-side id) uses, at the volumes of the window's last month. */
export interface UsageSpec {
  readonly agentclara?: { readonly interactionsPerMonth: number; readonly spikeFactor?: number };
  readonly closebot?: {
    readonly sources: readonly { readonly name: string; readonly share: number }[];
    readonly messagesPerMonth: number;
    readonly model: TokenModel;
    /** seat count at the window's start, then after each change (changes fall on random working days) */
    readonly seats: readonly number[];
    readonly storageMb: { readonly start: number; readonly growthPerMonth: number };
  };
  readonly voice?: {
    readonly apps: readonly {
      readonly name: string;
      readonly conversationsPerMonth: number;
      /** share of conversations that are phone calls (they also count as voice sessions) */
      readonly voiceShare: number;
      /** share handed over to a human agent */
      readonly transferShare: number;
    }[];
    readonly alerts: readonly AlertSpec[];
  };
  readonly vapi?: {
    readonly assistants: readonly { readonly name: string; readonly share: number; readonly direction: 'inbound' | 'outbound' }[];
    readonly callsPerMonth: number;
    /** what this assistant's stack costs per second, in millionths of a dollar (1200 = $0.0012/s) */
    readonly microsPerSecond: number;
    readonly numbers: readonly { readonly number: string; readonly addedDaysAgo?: number }[];
  };
  readonly twilio?: {
    readonly smsPerMonth: number;
    readonly numbers: readonly string[];
    /** Twilio's price per segment to this client's destination country */
    readonly pricePerSegment: string;
    readonly inboundShare: number;
  };
  readonly openai?: { readonly via: 'project' | 'api_key'; readonly name: string; readonly requestsPerMonth: number; readonly model: TokenModel };
}

export interface ClientSpec {
  readonly key: string;
  readonly name: string;
  readonly contactName: string;
  readonly billingEmail: string;
  readonly phone: string;
  readonly address: {
    readonly line1: string;
    readonly line2: string | null;
    readonly city: string;
    readonly region: string | null;
    readonly postalCode: string;
    readonly country: string;
  };
  readonly taxId: string | null;
  readonly currency: string;
  /** null: the client uses the agency's time zone */
  readonly timeZone: string | null;
  readonly status: 'active' | 'trial' | 'paused';
  readonly notes: string;
  /** days before the window's end the client was added; it has no usage before */
  readonly createdDaysAgo: number;
  readonly shape: ShapeSpec;
  readonly usage: UsageSpec;
}

export const DEMO_CLIENTS: readonly ClientSpec[] = [
  {
    key: 'harbor',
    name: 'Harbor & Pine Dental Group',
    contactName: 'Dr. Elena Ruiz',
    billingEmail: 'ap@harborpinedental.com',
    phone: '+1 415 555 0101',
    address: { line1: '2150 Lombard Street', line2: 'Suite 300', city: 'San Francisco', region: 'CA', postalCode: '94123', country: 'US' },
    taxId: null,
    currency: 'USD',
    timeZone: 'America/Los_Angeles',
    status: 'active',
    notes: 'Three practices. AgentClara books appointments from the website chat, Vapi answers the phones after hours, Twilio sends reminders.',
    createdDaysAgo: 410,
    shape: { profile: CLINIC, growthPerMonth: 0.04 },
    usage: {
      agentclara: { interactionsPerMonth: 1800 },
      vapi: {
        assistants: [
          { name: 'Front desk', share: 0.75, direction: 'inbound' },
          { name: 'Recall outreach', share: 0.25, direction: 'outbound' },
        ],
        callsPerMonth: 380,
        microsPerSecond: 1150,
        numbers: [{ number: '+14155550142' }, { number: '+14155550143' }],
      },
      twilio: { smsPerMonth: 1400, numbers: ['+14155550177'], pricePerSegment: '0.0079', inboundShare: 0.2 },
    },
  },
  {
    key: 'northwind',
    name: 'Northwind Legal LLP',
    contactName: 'James Whitfield',
    billingEmail: 'accounts@northwindlegal.co.uk',
    phone: '+44 20 7946 0321',
    address: { line1: '14 Bedford Row', line2: null, city: 'London', region: null, postalCode: 'WC1R 4ED', country: 'GB' },
    taxId: 'GB284619357',
    currency: 'GBP',
    timeZone: 'Europe/London',
    status: 'active',
    notes: 'Client intake bot on the website and a follow-up bot for email enquiries. Invoice in GBP with UK VAT.',
    createdDaysAgo: 380,
    shape: { profile: OFFICE, growthPerMonth: 0.02 },
    usage: {
      agentclara: { interactionsPerMonth: 900 },
      closebot: {
        sources: [
          { name: 'Website intake', share: 0.7 },
          { name: 'Email follow-up', share: 0.3 },
        ],
        messagesPerMonth: 1600,
        model: 'gpt-4o',
        seats: [4, 5, 6, 5],
        storageMb: { start: 120, growthPerMonth: 0.05 },
      },
    },
  },
  {
    key: 'sakura',
    name: 'Sakura Home Clinics K.K.',
    contactName: 'Haruka Sato',
    billingEmail: 'keiri@sakura-home.jp',
    phone: '+81 3 5550 0123',
    address: { line1: '2-11-3 Jingumae', line2: 'Shibuya-ku', city: 'Tokyo', region: 'Tokyo', postalCode: '150-0001', country: 'JP' },
    taxId: 'T4011001098765',
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    status: 'active',
    notes: 'Reception bot (chat and phone) and a home-visit scheduler. Managers get usage alerts three times a day. Invoices in yen.',
    createdDaysAgo: 250,
    shape: { profile: CLINIC, growthPerMonth: 0.05 },
    usage: {
      voice: {
        apps: [
          { name: 'Reception bot', conversationsPerMonth: 520, voiceShare: 0.45, transferShare: 0.12 },
          { name: 'Home-visit scheduler', conversationsPerMonth: 180, voiceShare: 0.3, transferShare: 0.05 },
        ],
        alerts: [
          { name: 'Sales report', user: 'h.sato', times: ['00:00', '08:00', '16:00'], weekdaysOnly: false },
          { name: 'Daily bookings digest', user: 'k.tanaka', times: ['07:30'], weekdaysOnly: false },
        ],
      },
    },
  },
  {
    key: 'veda',
    name: 'Veda Wellness Pvt. Ltd.',
    contactName: 'Ananya Iyer',
    billingEmail: 'finance@vedawellness.in',
    phone: '+91 80 5550 0142',
    address: { line1: '4th Floor, Prestige Meridian', line2: '29 MG Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560001', country: 'IN' },
    taxId: '29AAGCV4821K1Z3',
    currency: 'INR',
    timeZone: 'Asia/Kolkata',
    status: 'active',
    notes: 'Consumer wellness brand: chat concierge open every day until late. Ran a festival-season promotion that flooded the chat for a day.',
    createdDaysAgo: 300,
    shape: { profile: ALWAYS_ON, growthPerMonth: 0.08 },
    usage: {
      agentclara: { interactionsPerMonth: 2400, spikeFactor: 4 },
      closebot: {
        sources: [{ name: 'WhatsApp concierge', share: 1 }],
        messagesPerMonth: 2200,
        model: 'gpt-4o-mini',
        seats: [6, 7, 9, 8],
        storageMb: { start: 260, growthPerMonth: 0.12 },
      },
    },
  },
  {
    key: 'summit',
    name: 'Summit Trails Nepal Pvt. Ltd.',
    contactName: 'Pemba Sherpa',
    billingEmail: 'accounts@summittrails.com.np',
    phone: '+977 1 5550 142',
    address: { line1: 'Thamel Marg 12', line2: null, city: 'Kathmandu', region: 'Bagmati', postalCode: '44600', country: 'NP' },
    taxId: 'PAN 610284517',
    currency: 'USD',
    timeZone: 'Asia/Kathmandu',
    status: 'trial',
    notes: 'Trekking operator on a 30-day trial of the booking assistant (AgentClara trial: 500 interactions free). Saturday is their day off.',
    createdDaysAgo: 25,
    shape: { profile: OFFICE_NEPAL, growthPerMonth: 0, startsDaysAgo: 24 },
    usage: { agentclara: { interactionsPerMonth: 450 } },
  },
  {
    key: 'kookaburra',
    name: 'Kookaburra Property Group Pty Ltd',
    contactName: 'Mia Thompson',
    billingEmail: 'accounts@kookaburraproperty.com.au',
    phone: '+61 2 5550 1200',
    address: { line1: 'Level 9, 60 Castlereagh Street', line2: null, city: 'Sydney', region: 'NSW', postalCode: '2000', country: 'AU' },
    taxId: 'ABN 51 824 753 556',
    currency: 'AUD',
    timeZone: 'Australia/Sydney',
    status: 'active',
    notes: 'Listing enquiries by chat, phone and SMS. Launched the spring auction campaign two weeks ago: volumes tripled, and a third number was added.',
    createdDaysAgo: 330,
    shape: { profile: OFFICE, growthPerMonth: 0.03, ramp: { days: 14, factor: 3 } },
    usage: {
      agentclara: { interactionsPerMonth: 1100 },
      vapi: {
        assistants: [{ name: 'Listings line', share: 1, direction: 'inbound' }],
        callsPerMonth: 260,
        microsPerSecond: 1380,
        numbers: [{ number: '+61255501234' }, { number: '+61255501235' }, { number: '+61255501236', addedDaysAgo: 13 }],
      },
      twilio: { smsPerMonth: 700, numbers: ['+61255509876'], pricePerSegment: '0.0515', inboundShare: 0.1 },
    },
  },
  {
    key: 'maple',
    name: 'Maple Ridge Realty Inc.',
    contactName: 'Olivier Tremblay',
    billingEmail: 'ap@mapleridgerealty.ca',
    phone: '+1 416 555 0188',
    address: { line1: '220 King Street West', line2: 'Suite 1500', city: 'Toronto', region: 'ON', postalCode: 'M5H 1K4', country: 'CA' },
    taxId: 'GST/HST 812345678 RT0001',
    currency: 'CAD',
    timeZone: null,
    status: 'paused',
    notes: 'Paused at the client\u2019s request during their brokerage merger; resumption expected next quarter. Storage keeps accruing while paused. Uses the agency time zone.',
    createdDaysAgo: 290,
    shape: { profile: OFFICE, growthPerMonth: -0.03, pausedDaysAgo: 18 },
    usage: {
      closebot: {
        sources: [{ name: 'Buyer leads', share: 1 }],
        messagesPerMonth: 1200,
        model: 'gpt-4o-mini',
        seats: [3, 4, 3],
        storageMb: { start: 45, growthPerMonth: 0.03 },
      },
    },
  },
  {
    key: 'rheinwerk',
    name: 'Rheinwerk Logistik GmbH',
    contactName: 'Jonas Becker',
    billingEmail: 'buchhaltung@rheinwerk-logistik.de',
    phone: '+49 30 23125 400',
    address: { line1: 'Speicherstra\u00dfe 21', line2: null, city: 'Frankfurt am Main', region: 'Hessen', postalCode: '60327', country: 'DE' },
    taxId: 'DE298471635',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    status: 'active',
    notes: 'Driver hotline on Vapi, dispatch assistant on Kora XO (calls often handed to a human dispatcher), shipment-status API on OpenAI. Reverse charge.',
    createdDaysAgo: 270,
    shape: { profile: LOGISTICS, growthPerMonth: 0.03 },
    usage: {
      voice: {
        apps: [{ name: 'Dispatch assistant', conversationsPerMonth: 450, voiceShare: 0.7, transferShare: 0.25 }],
        alerts: [
          { name: 'Dispatch exceptions', user: 'j.becker', times: ['06:30', '12:00', '17:30'], weekdaysOnly: true },
        ],
      },
      vapi: {
        assistants: [{ name: 'Driver hotline', share: 1, direction: 'inbound' }],
        callsPerMonth: 200,
        microsPerSecond: 1240,
        numbers: [{ number: '+493023125417' }],
      },
      openai: { via: 'project', name: 'rheinwerk-shipment-status', requestsPerMonth: 5200, model: 'gpt-4.1' },
    },
  },
  {
    key: 'gulf',
    name: 'Gulf Bridge Trading Co. W.L.L.',
    contactName: 'Fahad Al-Sabah',
    billingEmail: 'finance@gulfbridge.com.kw',
    phone: '+965 2555 0142',
    address: { line1: 'Al Hamra Tower, Floor 37', line2: 'Al Shuhada Street, Sharq', city: 'Kuwait City', region: null, postalCode: '15463', country: 'KW' },
    taxId: 'CR 389245',
    currency: 'KWD',
    timeZone: 'Asia/Kuwait',
    status: 'active',
    notes: 'Invoiced in Kuwaiti dinar (three decimals). Weekend is Friday and Saturday. Volumes easing since the summer.',
    createdDaysAgo: 220,
    shape: { profile: OFFICE_GULF, growthPerMonth: -0.02 },
    usage: {
      agentclara: { interactionsPerMonth: 650 },
      openai: { via: 'api_key', name: 'gulfbridge-quotes', requestsPerMonth: 3800, model: 'gpt-4o-mini' },
    },
  },
];

/** Usage from provider-side ids nobody has mapped to a client yet (it shows as "unassigned"). */
export interface UnassignedSpec {
  readonly label: string;
  readonly timeZone: string;
  readonly shape: ShapeSpec;
  readonly usage: UsageSpec;
}

export const DEMO_UNASSIGNED: readonly UnassignedSpec[] = [
  {
    // a prospect's pilot the agency set up on AgentClara and Twilio but never added as a client
    label: 'lakeside-pilot',
    timeZone: 'America/Chicago',
    shape: { profile: CLINIC, growthPerMonth: 0.1, startsDaysAgo: 30 },
    usage: {
      agentclara: { interactionsPerMonth: 300 },
      twilio: { smsPerMonth: 240, numbers: [], pricePerSegment: '0.0079', inboundShare: 0.15 },
    },
  },
  {
    // the agency's own sales demo line on Vapi
    label: 'agency-demo-line',
    timeZone: 'America/New_York',
    shape: { profile: OFFICE, growthPerMonth: 0 },
    usage: {
      vapi: {
        assistants: [{ name: 'Brightline demo line', share: 1, direction: 'inbound' }],
        callsPerMonth: 45,
        microsPerSecond: 1300,
        numbers: [{ number: '+16465550199' }],
      },
    },
  },
];
