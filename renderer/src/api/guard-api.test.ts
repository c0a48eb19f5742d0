import { describe, expect, it } from 'vitest';
import type { MeterbookApi } from '../../../shared/contract/api';
import { guardApi } from './guard-api';
import { isResult } from './parse-result';

function fakeApi(impl: (name: string, input: unknown) => Promise<unknown>): MeterbookApi {
  const commands = new Proxy({}, { get: (_t, name) => (input: unknown) => impl(String(name), input) });
  return { commands, events: {} } as unknown as MeterbookApi;
}

describe('guardApi', () => {
  it('passes Results through', async () => {
    const api = guardApi(fakeApi(async () => ({ ok: true, data: 1 })));
    expect(await api.commands['app.info']({})).toEqual({ ok: true, data: 1 });
  });

  it('turns a rejected IPC call or a junk reply into a lost-contact Result', async () => {
    const rejected = guardApi(fakeApi(async () => Promise.reject(new Error('An object could not be cloned.'))));
    const r = await rejected.commands['app.info']({});
    expect(!r.ok && r.error.message).toMatch(/^Lost contact with Meterbook \(An object could not be cloned\.\)/);
    const junk = guardApi(fakeApi(async () => 'hello'));
    const j = await junk.commands['app.info']({});
    expect(!j.ok && j.error.code).toBe('internal');
  });
});

describe('isResult', () => {
  it('accepts both envelope shapes and nothing else', () => {
    expect(isResult({ ok: true, data: null })).toBe(true);
    expect(isResult({ ok: false, error: { code: 'not_found', message: 'Client 9 does not exist.' } })).toBe(true);
    expect(isResult({ ok: false, error: { code: 'invalid_input', message: 'x', fields: { name: 'y' } } })).toBe(true);
    expect(isResult({ ok: true })).toBe(false);
    expect(isResult({ ok: false, error: { code: 'teapot', message: 'x' } })).toBe(false);
    expect(isResult({ ok: false, error: { code: 'internal', message: 'x', fields: { a: 1 } } })).toBe(false);
    expect(isResult(null)).toBe(false);
    expect(isResult([])).toBe(false);
  });
});
