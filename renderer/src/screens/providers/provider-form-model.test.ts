import { describe, expect, it } from 'vitest';
import type { ProviderDetail } from '../../../../shared/domain/ingest';
import {
  credentialsToUpdateInput,
  detailToForm,
  emptyProviderForm,
  foldErrors,
  formToCreateInput,
  formToUpdateInput,
  isNoop,
  parseConfig,
  withKind,
  type KindInfo,
} from './provider-form-model';

const vapi: KindInfo = {
  kind: 'vapi',
  label: 'Vapi',
  hasApi: true,
  docsUrl: null,
  credentialFields: [{ key: 'apiKey', label: 'Private API key', secret: true, help: 'The private key.', optional: false }],
  defaultConfig: { baseUrl: 'https://api.vapi.ai', pageSize: 100 },
};
const fileOnly: KindInfo = { kind: 'file', label: 'Any platform (file import)', hasApi: false, docsUrl: null, credentialFields: [], defaultConfig: {} };

const detail: ProviderDetail = {
  id: 4,
  kind: 'vapi',
  name: 'Vapi main',
  currency: 'USD',
  hasCredentials: true,
  credentialsHint: 'Private API key: ••••abcd',
  config: { baseUrl: 'https://api.vapi.ai', rateCard: { currency: 'USD', charges: [] } },
  archived: false,
  scheduleMinutes: 15,
  syncEnabled: true,
  lastSuccessAt: null,
  lastAttemptAt: null,
  nextRunAt: null,
  syncing: false,
};

describe('settings JSON', () => {
  it('accepts an object, explains anything else', () => {
    expect(parseConfig(' {"a": 1} ')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseConfig('')).toEqual({ ok: true, value: {} });
    const bad = parseConfig("{baseUrl: 'x'}");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Settings are not valid JSON/);
    expect(parseConfig('[1]')).toEqual({ ok: false, message: expect.stringMatching(/must be a JSON object/) as unknown as string });
  });

  it('folds server paths such as config.baseUrl onto the settings field', () => {
    expect(foldErrors({ 'config.baseUrl': 'Invalid URL', name: 'Taken.' })).toEqual({ config: 'baseUrl: Invalid URL', name: 'Taken.' });
    expect(foldErrors({ 'config.baseUrl': 'Setting baseUrl: Invalid URL' })).toEqual({ config: 'Setting baseUrl: Invalid URL' });
  });
});

describe('create', () => {
  it('needs a kind', () => {
    expect(formToCreateInput(emptyProviderForm('USD'), null)).toEqual({ ok: false, errors: { kind: 'Choose the kind of provider account.' } });
  });

  it('switching kind brings its credential fields and default settings', () => {
    const v = withKind(emptyProviderForm('EUR'), vapi);
    expect(v.credentials).toEqual({ apiKey: '' });
    expect(JSON.parse(v.configText)).toEqual({ baseUrl: 'https://api.vapi.ai', pageSize: 100 });
    expect(withKind(v, fileOnly).syncEnabled).toBe(false);
  });

  it('builds the contract input', () => {
    const v = { ...withKind(emptyProviderForm('EUR'), vapi), name: ' Vapi ', credentials: { apiKey: 'sk' }, scheduleMinutes: '30' };
    expect(formToCreateInput(v, vapi)).toEqual({
      ok: true,
      input: {
        kind: 'vapi',
        name: ' Vapi ',
        currency: 'EUR',
        credentials: { apiKey: 'sk' },
        config: { baseUrl: 'https://api.vapi.ai', pageSize: 100 },
        scheduleMinutes: 30,
        syncEnabled: true,
      },
    });
  });

  it('reports every local problem at once, with the schema messages', () => {
    const v = { ...withKind(emptyProviderForm('USD'), vapi), name: '', configText: '{', scheduleMinutes: '2' };
    const r = formToCreateInput(v, vapi);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.name).toBe('Enter a name for this provider account.');
      expect(r.errors.scheduleMinutes).toBe('Sync interval must be at least 5 minutes.');
      expect(r.errors.config).toMatch(/not valid JSON/);
    }
    const words = formToCreateInput({ ...v, name: 'x', configText: '{}', scheduleMinutes: 'often' }, vapi);
    expect(!words.ok && words.errors.scheduleMinutes).toBe('Sync interval must be a number of minutes.');
  });
});

describe('update', () => {
  it('starts from the account, without the rate card, and sends only changes', () => {
    const v = detailToForm(detail);
    expect(JSON.parse(v.configText)).toEqual({ baseUrl: 'https://api.vapi.ai' });
    const same = formToUpdateInput(detail, v);
    expect(same.ok && isNoop(same.input)).toBe(true);
    const changed = formToUpdateInput(detail, { ...v, name: 'Vapi EU', configText: '{"baseUrl":"http://127.0.0.1:9"}', syncEnabled: false });
    expect(changed).toEqual({
      ok: true,
      input: {
        id: 4,
        name: 'Vapi EU',
        config: { baseUrl: 'http://127.0.0.1:9', rateCard: { currency: 'USD', charges: [] } },
        syncEnabled: false,
      },
    });
  });

  it('replaces credentials with every field of the kind', () => {
    expect(credentialsToUpdateInput(4, vapi, { apiKey: 'new', stray: 'x' })).toEqual({ id: 4, credentials: { apiKey: 'new' } });
  });
});
