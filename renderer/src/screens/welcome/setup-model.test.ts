import { describe, expect, it } from 'vitest';
import { completeStep, loadSetup, parseSetup, saveSetup, SETUP_STORAGE_KEY, skipStep, startSetup, stepNumber } from './setup-model';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('setup walkthrough', () => {
  it('walks provider, client, plan, done', () => {
    let p = startSetup();
    expect(p.step).toBe('provider');
    p = completeStep(p, { providerId: 4 });
    expect(p).toMatchObject({ step: 'client', providerId: 4 });
    p = completeStep(p, { client: { id: 9, name: 'Acme', currency: 'EUR' } });
    expect(p.step).toBe('plan');
    p = completeStep(p, { planId: 2, assigned: true });
    expect(p).toMatchObject({ step: 'done', planId: 2, assigned: true, skipped: [] });
    expect(completeStep(p, { planId: 3, assigned: false })).toBe(p);
  });

  it('skips any step and remembers which', () => {
    const p = skipStep(skipStep(skipStep(startSetup())));
    expect(p).toMatchObject({ step: 'done', skipped: ['provider', 'client', 'plan'] });
    expect(skipStep(p)).toBe(p);
    expect(stepNumber('provider')).toBe(1);
    expect(stepNumber('done')).toBe(4);
  });

  it('round-trips through storage so a reload resumes', () => {
    const s = memoryStorage();
    const p = completeStep(skipStep(startSetup()), { client: { id: 1, name: 'A', currency: 'USD' } });
    saveSetup(s, p);
    expect(loadSetup(s)).toEqual(p);
    saveSetup(s, null);
    expect(s.m.has(SETUP_STORAGE_KEY)).toBe(false);
    expect(loadSetup(s)).toBeNull();
  });

  it('ignores corrupt or foreign records', () => {
    for (const raw of ['{', 'null', '42', '{"step":"invoice"}', '[]']) expect(parseSetup(raw), raw).toBeNull();
    expect(parseSetup('{"step":"plan","providerId":-1,"client":{"id":"x"},"assigned":true,"skipped":["provider","nope","provider"]}')).toEqual({
      step: 'plan',
      providerId: null,
      client: null,
      planId: null,
      assigned: false,
      skipped: ['provider'],
    });
  });

  it('survives a storage that throws', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); }, removeItem: () => {} };
    expect(loadSetup(broken)).toBeNull();
    expect(() => saveSetup(broken, startSetup())).not.toThrow();
  });
});
