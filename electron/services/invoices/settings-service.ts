// Runs in main. Invoice settings: numbering, payment terms and instructions, notes, branding (logo, colour).
// Stored as one JSON value in settings('invoice_settings'); the logo's bytes live in the content-addressed
// asset store, so an issued snapshot that names a logo by hash renders the same logo years later.
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { PDFDocument } from 'pdf-lib';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { InvoiceSettings } from '../../../shared/domain/invoice';
import { formatDocumentNumber, sequenceKey, type DocumentKind } from '../../../shared/invoicing/numbering';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { agencyZone } from '../pricing/zones';

const KEY = 'invoice_settings';
const MAX_LOGO_BYTES = 1024 * 1024;

export type StoredInvoiceSettings = Omit<InvoiceSettings, 'nextInvoiceNumber' | 'nextCreditNoteNumber'>;

export const DEFAULT_INVOICE_SETTINGS: StoredInvoiceSettings = {
  invoiceNumberFormat: 'INV-{YYYY}-{seq:5}',
  creditNoteNumberFormat: 'CN-{YYYY}-{seq:5}',
  numberReset: 'yearly',
  paymentTermsDays: 30,
  paymentInstructions: null,
  defaultNote: null,
  reverseChargeMention: 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).',
  accentColor: '#1f6feb',
  logo: null,
};

type Db = Kysely<Database> | Transaction<Database>;

export async function loadInvoiceSettings(db: Db): Promise<StoredInvoiceSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? { ...DEFAULT_INVOICE_SETTINGS, ...(JSON.parse(row.value) as Partial<StoredInvoiceSettings>) } : DEFAULT_INVOICE_SETTINGS;
}

export class InvoiceSettingsService {
  constructor(private readonly deps: AppContextDeps) {}

  private get db() {
    return this.deps.ledger.db;
  }

  async get(): Promise<InvoiceSettings> {
    const stored = await loadInvoiceSettings(this.db);
    const today = DateTime.fromJSDate(this.deps.clock.now(), { zone: await agencyZone(this.db) }).toISODate()!;
    const next = async (kind: DocumentKind, format: string) => {
      const key = sequenceKey(kind, stored.numberReset, today);
      const row = await this.db.selectFrom('invoice_sequences').select('last_no').where('key', '=', key).executeTakeFirst();
      return formatDocumentNumber(format, today, (row?.last_no ?? 0) + 1);
    };
    return {
      ...stored,
      nextInvoiceNumber: await next('invoice', stored.invoiceNumberFormat),
      nextCreditNoteNumber: await next('credit_note', stored.creditNoteNumberFormat),
    };
  }

  async set(input: ParsedInput<'invoiceSettings.set'>): Promise<InvoiceSettings> {
    await this.save((current) => ({ ...current, ...input }), 'invoice_settings.set');
    return this.get();
  }

  /** A PNG or JPEG (checked by reading it, not by its name) of at most 1 MB. */
  async setLogo(input: ParsedInput<'invoiceSettings.setLogo'>): Promise<InvoiceSettings> {
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length === 0) throw new AppError('invalid_input', 'The logo file is empty.', { field: 'dataBase64' });
    if (bytes.length > MAX_LOGO_BYTES) throw new AppError('invalid_input', `The logo is ${Math.ceil(bytes.length / 1024)} KB; it can be at most 1024 KB.`, { field: 'dataBase64' });
    const mime = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      ? 'image/png'
      : bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
        ? 'image/jpeg'
        : null;
    if (mime === null) throw new AppError('invalid_input', 'The logo must be a PNG or JPEG image.', { field: 'dataBase64' });
    try {
      const doc = await PDFDocument.create();
      await (mime === 'image/png' ? doc.embedPng(bytes) : doc.embedJpg(bytes));
    } catch (err) {
      throw new AppError('invalid_input', `The logo could not be read as a ${mime === 'image/png' ? 'PNG' : 'JPEG'} image (${err instanceof Error ? err.message : String(err)}).`, { field: 'dataBase64' });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.save(async (current, trx) => {
      await trx
        .insertInto('assets')
        .values({ sha256, mime, bytes, created_at: this.deps.clock.now().toISOString() })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      return { ...current, logo: { sha256, mime, bytes: bytes.length } };
    }, 'invoice_settings.logo');
    return this.get();
  }

  async clearLogo(): Promise<InvoiceSettings> {
    await this.save((current) => ({ ...current, logo: null }), 'invoice_settings.logo_removed');
    return this.get();
  }

  private async save(change: (current: StoredInvoiceSettings, trx: Transaction<Database>) => StoredInvoiceSettings | Promise<StoredInvoiceSettings>, action: string) {
    const now = this.deps.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const next = await change(await loadInvoiceSettings(trx), trx);
      const text = JSON.stringify(next);
      await trx
        .insertInto('settings')
        .values({ key: KEY, value: text, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
        .execute();
      await writeAudit(trx, new Date(now), { action, entity: 'agency', entityId: 1, details: { ...next } });
    });
    this.deps.bus.changed('settings');
  }
}
