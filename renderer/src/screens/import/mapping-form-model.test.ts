import { describe, expect, it } from 'vitest';
import { ImportMapping, type ImportMappingInput } from '../../../../shared/domain/import-mapping';
import {
  CONSTANT,
  fieldForPath,
  formErrors,
  formToMapping,
  guessTimestampFormat,
  initialForm,
  mappingToForm,
  switchHeader,
  tokenRef,
  type MappingFormValues,
} from './mapping-form-model';

const vapiStyle: ImportMappingInput = {
  format: 'csv',
  csv: { delimiter: ';', hasHeader: true, decimalSeparator: ',' },
  columns: {
    externalId: 'call_id',
    clientKey: 'assistant_id',
    clientKeyPrefix: 'assistant:',
    metric: { constant: 'call_seconds' },
    quantity: 'duration_minutes',
    quantityScale: 'minutes_to_seconds',
    occurredAt: 'started_at',
    timestampFormat: 'iso',
    timeZone: 'Europe/Berlin',
    cost: 'cost',
    costCurrency: { constant: 'USD' },
    attrs: { phoneNumber: 'from_number' },
  },
  metricAliases: { 'Voice Minutes': 'call_seconds' },
};

describe('mapping form <-> ImportMapping', () => {
  it('round-trips a full mapping', () => {
    const form = mappingToForm(vapiStyle, { timeZone: 'UTC' });
    expect(form.metric).toBe('k:call_seconds');
    expect(form.costCurrency).toBe('k:USD');
    expect(form.quantity).toBe('c:duration_minutes');
    expect(form.timeZone).toBe('Europe/Berlin');
    expect(formToMapping(form)).toEqual({ ok: true, mapping: vapiStyle });
  });

  it('round-trips column numbers, a constant client key and a custom timestamp format', () => {
    const m: ImportMappingInput = {
      format: 'csv',
      csv: { delimiter: ',', hasHeader: false, decimalSeparator: '.' },
      columns: {
        externalId: 1,
        clientKey: { constant: 'sub_account:AC1' },
        metric: 3,
        quantity: 4,
        quantityScale: 'none',
        occurredAt: 2,
        timestampFormat: 'dd/MM/yyyy HH:mm',
        timeZone: 'Asia/Kolkata',
      },
    };
    const form = mappingToForm(m, { timeZone: 'UTC' });
    expect(form.clientKey).toBe(CONSTANT);
    expect(form.clientKeyConstant).toBe('sub_account:AC1');
    expect(form.timestampFormat).toBe('custom');
    expect(form.customTimestampFormat).toBe('dd/MM/yyyy HH:mm');
    expect(formToMapping(form)).toEqual({ ok: true, mapping: m });
  });

  it('produces JSON lines mappings without CSV options', () => {
    const form: MappingFormValues = { ...mappingToForm({ format: 'jsonl', columns: { externalId: 'id', clientKey: 'account.id', metric: 'kind', quantity: 'units', occurredAt: 'ts' } }, { timeZone: 'UTC' }), timestampFormat: 'unix' };
    const r = formToMapping(form);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.mapping.csv).toBeUndefined();
      expect(r.mapping.columns.clientKey).toBe('account.id');
      expect(ImportMapping.safeParse(r.mapping).success).toBe(true);
    }
  });

  it('says which required fields are missing, in words', () => {
    const r = formToMapping(mappingToForm({}, { timeZone: 'UTC' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.errors).sort()).toEqual(['clientKey', 'externalId', 'metric', 'occurredAt', 'quantity']);
      expect(r.errors.externalId).toMatch(/^Choose the column with the event id/);
    }
    const noConst = formToMapping({ ...mappingToForm(vapiStyle, { timeZone: 'UTC' }), clientKey: CONSTANT, clientKeyConstant: ' ' });
    expect(!noConst.ok && noConst.errors.clientKeyConstant).toMatch(/Enter the client key/);
  });

  it('maps schema errors onto the form fields', () => {
    const r = formToMapping({ ...mappingToForm(vapiStyle, { timeZone: 'UTC' }), clientKeyPrefix: 'assistant', timeZone: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.clientKeyPrefix).toMatch(/must be a kind followed by a colon/);
      expect(r.errors.timeZone).toMatch(/Choose the time zone/);
    }
    expect(fieldForPath('columns.metric.constant')).toBe('metric');
    expect(fieldForPath('columns.clientKey.constant')).toBe('clientKeyConstant');
    expect(fieldForPath('columns.clientKeyPrefix')).toBe('clientKeyPrefix');
    expect(formErrors({ 'metricAliases.x': 'Dup.', 'columns.cost': 'Bad.' })).toEqual({ general: 'Dup.', cost: 'Bad.' });
  });

  it('never throws on junk', () => {
    const form = mappingToForm({ format: 'xlsx', columns: { externalId: 0, metric: { constant: 5 }, quantity: 1.5 }, csv: { delimiter: ':' } }, { timeZone: 'UTC', delimiter: ';' });
    expect(form.format).toBe('csv');
    expect(form.delimiter).toBe(';');
    expect(form.externalId).toBe('');
    expect(form.metric).toBe('');
    expect(form.quantity).toBe('');
    expect(mappingToForm(null, { timeZone: 'UTC' }).timeZone).toBe('UTC');
  });
});

describe('starting a mapping from a preview', () => {
  it('guesses from the headers when the server suggests nothing, including the timestamp format', () => {
    const form = initialForm(
      {
        format: 'csv',
        delimiter: ';',
        headers: ['call_id', 'subaccount', 'category', 'duration_ms', 'created_at', 'price'],
        rows: [['c1', 'AC1', 'sms', '1500', '1772980200', '0.01']],
        suggested: null,
      },
      'Europe/Berlin',
    );
    expect(form.externalId).toBe('c:call_id');
    expect(form.clientKey).toBe('c:subaccount');
    expect(form.metric).toBe('c:category');
    expect(form.quantityScale).toBe('ms_to_seconds');
    expect(form.timestampFormat).toBe('unix');
    expect(form.cost).toBe('c:price');
    expect(form.delimiter).toBe(';');
    expect(form.timeZone).toBe('Europe/Berlin');
  });

  it('takes the server suggestion when there is one', () => {
    const form = initialForm({ format: 'jsonl', delimiter: null, headers: ['a'], rows: [], suggested: { format: 'jsonl', columns: { externalId: 'a' } } }, 'UTC');
    expect(form.format).toBe('jsonl');
    expect(form.externalId).toBe('c:a');
  });

  it('guesses timestamp formats from samples', () => {
    expect(guessTimestampFormat(['1772980200000'])).toBe('unix_ms');
    expect(guessTimestampFormat(['2026-03-08', ' 2026-03-09 '])).toBe('date');
    expect(guessTimestampFormat(['2026-03-08T10:00:00Z'])).toBe('iso');
    expect(guessTimestampFormat([])).toBe('iso');
  });

  it('switches between header names and column numbers', () => {
    const headers = ['id', 'acct', 'qty', 'ts'];
    const form = mappingToForm({ columns: { externalId: 'id', clientKey: 'acct', metric: { constant: 'sms' }, quantity: 'qty', occurredAt: 'ts', cost: 'gone' } }, { timeZone: 'UTC' });
    const numbered = switchHeader(form, false, headers);
    expect([numbered.externalId, numbered.clientKey, numbered.metric, numbered.quantity, numbered.occurredAt, numbered.cost]).toEqual(['n:1', 'n:2', 'k:sms', 'n:3', 'n:4', '']);
    const back = switchHeader(numbered, true, headers);
    expect(back.externalId).toBe('c:id');
    expect(tokenRef(back.occurredAt)).toBe('ts');
  });
});
