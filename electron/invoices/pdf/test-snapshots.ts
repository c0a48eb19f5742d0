// Runs in tests and benchmarks. Invoice snapshots for rendering: a small builder that computes every amount
// the way docs/MONEY.md says (exact decimals, rounded once per line, discount and tax) so the totals add up,
// and a few ready-made documents (USD with VAT, JPY, KWD, EUR, INR, a 60-line invoice, a credit note, a draft).
import type { InvoiceSnapshot, Party, SnapshotDiscount, SnapshotLine, SnapshotTax } from '../../../shared/domain/invoice';
import { dec, Dec, moneyText, roundMoney, sum } from '../../../shared/money/decimal';

export interface LineSpec {
  description: string;
  quantity: string;
  unit?: string;
  /** null: a fee whose amount is given */
  unitPrice?: string | null;
  /** defaults to quantity × unitPrice rounded to the currency */
  amount?: string;
  note?: string | null;
  kind?: string;
}

export interface SnapshotSpec {
  kind?: InvoiceSnapshot['kind'];
  number?: string | null;
  currency?: string;
  locale?: string;
  issueDate?: string | null;
  dueDate?: string | null;
  paymentTermsDays?: number;
  period?: InvoiceSnapshot['period'];
  agency?: Partial<Party>;
  client?: Partial<Party>;
  accentColor?: string;
  logo?: InvoiceSnapshot['branding']['logo'];
  planName?: string | null;
  lines?: LineSpec[];
  discounts?: Array<{ description: string; kind: 'fixed' | 'percent'; value: string }>;
  taxes?: Array<{ name: string; rate: string }>;
  /** money text taken from the prepaid balance */
  paidFromBalance?: string;
  reverseChargeMention?: string | null;
  notes?: string | null;
  paymentInstructions?: string | null;
  creditOf?: InvoiceSnapshot['creditOf'];
  creditReason?: string | null;
}

export const AGENCY: Party = {
  name: 'Northwind Voice Agency Ltd',
  contactName: 'Ada Mensah',
  email: 'billing@northwind.example',
  phone: '+44 20 7946 0958',
  addressLines: ['12 Harbour Street', 'Leeds LS1 4AB', 'United Kingdom'],
  taxId: 'GB 123 4567 89',
};

export const CLIENT: Party = {
  name: 'Zoë Łódź Studio Sp. z o.o.',
  contactName: 'Zoë Łódź',
  email: 'accounts@zoe-lodz.example',
  phone: null,
  addressLines: ['ul. Piotrkowska 104', '90-926 Łódź', 'Poland'],
  taxId: 'PL5260250995',
};

const STANDARD_LINES: LineSpec[] = [
  { kind: 'base_fee', description: 'Growth plan, monthly fee', quantity: '1', unit: 'month', unitPrice: '490.00' },
  { kind: 'usage', description: 'Voice agent interactions', quantity: '4210', unit: 'interaction', unitPrice: '0.35', note: '3,000 included in the plan; 4,210 billed above the allowance' },
  { kind: 'usage', description: 'Chat messages', quantity: '18250', unit: 'message', unitPrice: '0.0125' },
  { kind: 'usage', description: 'AI tokens (GPT-class models, input and output, all assistants of the Łódź and Kraków offices combined)', quantity: '1250000', unit: 'token', unitPrice: '0.000004' },
  { kind: 'overage', description: 'Call minutes, graduated tiers', quantity: '9120', unit: 'minute', unitPrice: null, amount: '1276.80' },
];

/** A snapshot whose totals follow from its lines, discounts and taxes. Defaults: a USD invoice with VAT 20%. */
export function buildSnapshot(spec: SnapshotSpec = {}): InvoiceSnapshot {
  const currency = spec.currency ?? 'USD';
  const credit = spec.kind === 'credit_note';
  const m = (d: Dec) => moneyText(d, currency);
  const lines: SnapshotLine[] = (spec.lines ?? STANDARD_LINES).map((l) => ({
    source: l.kind === 'manual' ? 'manual' : 'statement',
    kind: l.kind ?? 'usage',
    description: l.description,
    metricKey: null,
    quantity: l.quantity,
    unit: l.unit ?? 'unit',
    unitPrice: l.unitPrice ?? null,
    amount: l.amount ?? m(dec(l.quantity).times(dec(l.unitPrice ?? '0'))),
    note: l.note ?? null,
  }));
  const subtotal = sum(lines.map((l) => l.amount));
  const discounts: SnapshotDiscount[] = (spec.discounts ?? []).map((d) => {
    const amount = d.kind === 'percent' ? roundMoney(subtotal.times(dec(d.value)).div(100), currency) : dec(d.value).times(credit ? -1 : 1);
    return { description: d.description, kind: d.kind, value: d.value, amount: m(amount) };
  });
  const discountTotal = sum(discounts.map((d) => d.amount));
  const net = subtotal.minus(discountTotal);
  const taxes: SnapshotTax[] = (spec.taxes ?? [{ name: 'VAT', rate: '20' }]).map((t) => ({ name: t.name, rate: t.rate, base: m(net), amount: m(net.times(dec(t.rate)).div(100)) }));
  const taxTotal = sum(taxes.map((t) => t.amount));
  const total = net.plus(taxTotal);
  const paid = dec(spec.paidFromBalance ?? '0');
  return {
    schemaVersion: 1,
    kind: spec.kind ?? 'invoice',
    number: spec.number === undefined ? (credit ? 'CN-2026-00003' : 'INV-2026-00042') : spec.number,
    currency,
    locale: spec.locale ?? 'en-US',
    issueDate: spec.issueDate === undefined ? '2026-11-01' : spec.issueDate,
    dueDate: spec.dueDate === undefined ? (credit ? null : '2026-11-15') : spec.dueDate,
    paymentTermsDays: spec.paymentTermsDays ?? 14,
    period: spec.period === undefined ? { label: '2026-10', start: '2026-10-01', end: '2026-11-01' } : spec.period,
    agency: { ...AGENCY, ...spec.agency },
    client: { ...CLIENT, ...spec.client },
    branding: { accentColor: spec.accentColor ?? '#1f6feb', logo: spec.logo ?? null },
    planName: spec.planName === undefined ? 'Growth (monthly)' : spec.planName,
    lines,
    discounts,
    taxes,
    reverseChargeMention: spec.reverseChargeMention ?? null,
    totals: {
      subtotal: m(subtotal),
      discountTotal: m(discountTotal),
      net: m(net),
      taxTotal: m(taxTotal),
      total: m(total),
      paidFromBalance: m(paid),
      amountDue: m(total.minus(paid)),
    },
    notes: spec.notes === undefined ? 'Thank you for your business. Questions about this invoice: billing@northwind.example.' : spec.notes,
    paymentInstructions:
      spec.paymentInstructions === undefined
        ? 'Bank transfer to Northwind Voice Agency Ltd\nIBAN GB33 BUKB 2020 1555 5555 55 · BIC BUKBGB22\nPlease quote the invoice number as the payment reference.'
        : spec.paymentInstructions,
    creditOf: spec.creditOf ?? null,
    creditReason: spec.creditReason ?? null,
  };
}

/** One page, USD, a 10% discount, VAT 20%, part paid from the prepaid balance. */
export const usdInvoice = (spec: SnapshotSpec = {}) =>
  buildSnapshot({ discounts: [{ description: 'Loyalty discount', kind: 'percent', value: '10' }], paidFromBalance: '250.00', ...spec });

/** Yen: no minor unit ("¥1,230"), Japanese consumption tax 10%. */
export const jpyInvoice = (spec: SnapshotSpec = {}) =>
  buildSnapshot({
    currency: 'JPY',
    client: { name: 'Kaito Robotics KK', contactName: 'Kaito Sato', addressLines: ['2-1-1 Nihonbashi', 'Chuo-ku, Tokyo 103-0027', 'Japan'], taxId: 'T1234567890123' },
    lines: [
      { kind: 'base_fee', description: 'Starter plan, monthly fee', quantity: '1', unit: 'month', unitPrice: '1230' },
      { kind: 'usage', description: 'Voice agent interactions', quantity: '812', unit: 'interaction', unitPrice: '52' },
      { kind: 'usage', description: 'SMS sent', quantity: '333', unit: 'message', unitPrice: '1.5' },
    ],
    taxes: [{ name: 'Consumption tax', rate: '10' }],
    ...spec,
  });

/** Kuwaiti dinar: three decimals ("1.235"). */
export const kwdInvoice = (spec: SnapshotSpec = {}) =>
  buildSnapshot({
    currency: 'KWD',
    client: { name: 'Gulf Dialogue Co. W.L.L.', contactName: null, addressLines: ['Al Hamra Tower, floor 32', 'Sharq, Kuwait City'], taxId: null },
    lines: [
      { kind: 'usage', description: 'Chat sessions', quantity: '1', unit: 'session', unitPrice: '1.235' },
      { kind: 'usage', description: 'Voice minutes', quantity: '1500', unit: 'minute', unitPrice: '0.0125' },
    ],
    taxes: [],
    ...spec,
  });

/** `count` usage lines, some with notes, some with descriptions that wrap. */
export function longLines(count: number): LineSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'usage',
    description: i % 7 === 3 ? `Assistant ${i + 1}: outbound appointment reminders for the Łódź, Gdańsk and Wrocław clinics, business hours only` : `Assistant ${i + 1}: voice interactions`,
    quantity: String(100 + ((i * 37) % 900)),
    unit: 'interaction',
    unitPrice: i % 5 === 0 ? '0.0125' : '0.35',
    note: i % 4 === 1 ? `Includes ${i + 3} transferred calls` : null,
  }));
}

/** A long invoice: `count` lines over several pages. */
export const longInvoice = (count = 60, spec: SnapshotSpec = {}) => buildSnapshot({ lines: longLines(count), ...spec });

/** A full credit note of an October invoice. */
export const creditNote = (spec: SnapshotSpec = {}) =>
  buildSnapshot({
    kind: 'credit_note',
    issueDate: '2026-11-20',
    lines: STANDARD_LINES.slice(0, 3).map((l) => ({ ...l, unitPrice: l.unitPrice ? `-${l.unitPrice}` : null })),
    creditOf: { invoiceId: 41, number: 'INV-2026-00041', issueDate: '2026-11-01' },
    creditReason: 'Interactions double-counted after the provider re-sent its October usage export.',
    notes: null,
    paymentInstructions: null,
    ...spec,
  });

/** A draft: no number, no dates yet. */
export const draftInvoice = (spec: SnapshotSpec = {}) => usdInvoice({ number: null, issueDate: null, dueDate: null, ...spec });
