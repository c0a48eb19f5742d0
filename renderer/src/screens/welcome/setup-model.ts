// Runs in the renderer (pure). The "Start empty" walkthrough after the agency profile: first provider account,
// first client, first plan (assigned to that client), then done. Every step can be skipped. Progress lives in
// localStorage so a reload resumes at the same step; a missing or corrupt record means "no walkthrough".

export const SETUP_STEPS = ['provider', 'client', 'plan'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];
export const SETUP_STEP_LABELS: Record<SetupStep, string> = { provider: 'Provider account', client: 'Client', plan: 'Plan' };
export const SETUP_STORAGE_KEY = 'meterbook.setup';

export interface SetupClient {
  id: number;
  name: string;
  currency: string;
}

export interface SetupProgress {
  step: SetupStep | 'done';
  providerId: number | null;
  client: SetupClient | null;
  planId: number | null;
  /** whether the plan was assigned to the setup client */
  assigned: boolean;
  skipped: SetupStep[];
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function startSetup(): SetupProgress {
  return { step: 'provider', providerId: null, client: null, planId: null, assigned: false, skipped: [] };
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const isStep = (v: unknown): v is SetupStep => (SETUP_STEPS as readonly unknown[]).includes(v);

/** Validates a stored record; anything unexpected is null (no walkthrough in progress). */
export function parseSetup(raw: string | null): SetupProgress | null {
  if (raw === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (!(isStep(r.step) || r.step === 'done')) return null;
  const c = r.client as Record<string, unknown> | null | undefined;
  const client = c && typeof c === 'object' && isId(c.id) && typeof c.name === 'string' && typeof c.currency === 'string' ? { id: c.id, name: c.name, currency: c.currency } : null;
  return {
    step: r.step,
    providerId: isId(r.providerId) ? r.providerId : null,
    client,
    planId: isId(r.planId) ? r.planId : null,
    assigned: r.assigned === true && client !== null,
    skipped: Array.isArray(r.skipped) ? [...new Set(r.skipped.filter(isStep))] : [],
  };
}

function next(step: SetupStep): SetupStep | 'done' {
  return SETUP_STEPS[SETUP_STEPS.indexOf(step) + 1] ?? 'done';
}

export type StepResult = { providerId: number } | { client: SetupClient } | { planId: number; assigned: boolean };

/** The current step is done with what it created; moves on. */
export function completeStep(p: SetupProgress, result: StepResult): SetupProgress {
  if (p.step === 'done') return p;
  return { ...p, ...result, step: next(p.step), skipped: p.skipped.filter((s) => s !== p.step) };
}

/** The current step is skipped; moves on. */
export function skipStep(p: SetupProgress): SetupProgress {
  if (p.step === 'done') return p;
  return { ...p, step: next(p.step), skipped: p.skipped.includes(p.step) ? p.skipped : [...p.skipped, p.step] };
}

/** 1-based position of the step for the stepper; "done" is past the last. */
export function stepNumber(step: SetupProgress['step']): number {
  return step === 'done' ? SETUP_STEPS.length + 1 : SETUP_STEPS.indexOf(step) + 1;
}

export function loadSetup(storage: StorageLike): SetupProgress | null {
  try {
    return parseSetup(storage.getItem(SETUP_STORAGE_KEY));
  } catch {
    return null;
  }
}

export function saveSetup(storage: StorageLike, p: SetupProgress | null): void {
  try {
    if (p === null) storage.removeItem(SETUP_STORAGE_KEY);
    else storage.setItem(SETUP_STORAGE_KEY, JSON.stringify(p));
  } catch {
    // storage full or disabled: the walkthrough still works, it just won't resume after a reload
  }
}
