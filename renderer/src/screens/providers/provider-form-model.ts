// Runs in the renderer (pure). The provider-account form: values as the inputs hold them (strings),
// the JSON settings editor, and conversion to providers.create / providers.update input.
import type { z } from 'zod';
import type { CommandInput } from '../../../../shared/contract/commands';
import { ProviderCreateInput, ProviderUpdateInput, type ProviderDetail, type ProviderKindInfo } from '../../../../shared/domain/ingest';
import type { ProviderKind } from '../../../../shared/domain/provider';
import { preValidate, type FieldErrors } from '../../forms/field-errors';

export type KindInfo = z.infer<typeof ProviderKindInfo>;

export interface ProviderFormValues {
  /** '' until chosen */
  kind: ProviderKind | '';
  name: string;
  currency: string;
  /** credential field key -> value (create and "Replace credentials" only; never prefilled) */
  credentials: Record<string, string>;
  /** connector settings as JSON text */
  configText: string;
  /** minutes, as typed */
  scheduleMinutes: string;
  syncEnabled: boolean;
}

/** Keys of config that other screens own: kept as they are when the settings are edited here. */
export const RESERVED_CONFIG_KEYS = ['rateCard'] as const;

export const LABELS = {
  kind: 'Kind',
  name: 'Name',
  currency: 'Currency',
  config: 'Settings (JSON)',
  scheduleMinutes: 'Sync every (minutes)',
  syncEnabled: 'Sync automatically',
} as const;

export function prettyJson(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2);
}

export function emptyProviderForm(currency: string): ProviderFormValues {
  return { kind: '', name: '', currency, credentials: {}, configText: '{}', scheduleMinutes: '15', syncEnabled: true };
}

/** Switches the form to a kind: its credential fields (empty) and its default settings. */
export function withKind(values: ProviderFormValues, info: KindInfo): ProviderFormValues {
  return {
    ...values,
    kind: info.kind,
    credentials: Object.fromEntries(info.credentialFields.map((f) => [f.key, ''])),
    configText: prettyJson(info.defaultConfig),
    syncEnabled: info.hasApi ? values.syncEnabled : false,
  };
}

/** The settings of an account minus what other screens edit (the rate card). */
export function editableConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) if (!(RESERVED_CONFIG_KEYS as readonly string[]).includes(k)) out[k] = v;
  return out;
}

export function detailToForm(d: ProviderDetail): ProviderFormValues {
  return {
    kind: d.kind,
    name: d.name,
    currency: d.currency,
    credentials: {},
    configText: prettyJson(editableConfig(d.config)),
    scheduleMinutes: String(d.scheduleMinutes),
    syncEnabled: d.syncEnabled,
  };
}

export type ConfigParse = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** The settings text as a JSON object, or a message saying what is wrong with it. */
export function parseConfig(text: string): ConfigParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^JSON\.parse: /, '') : 'not JSON';
    return { ok: false, message: `Settings are not valid JSON (${detail}). Use double quotes around names and text, e.g. {"baseUrl": "https://api.example.com"}.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Settings must be a JSON object in braces, e.g. {"baseUrl": "https://api.example.com"}.' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** "15" -> 15; anything that is not a whole number stays text so the schema's message explains it. */
function scheduleValue(text: string): number | string {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t === '' ? Number.NaN : t;
}

/** Server or local error paths -> the form field that shows them: "config.baseUrl" -> "config". */
export function fieldOf(path: string): string {
  if (path === 'config' || path.startsWith('config.')) return 'config';
  return path;
}

/** Folds error paths onto the form's fields, keeping the sub-path in the message ("baseUrl: Invalid URL"). */
export function foldErrors(errors: FieldErrors): FieldErrors {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = fieldOf(path);
    if (field === path) out[path] ??= message;
    else {
      const sub = path.slice(field.length + 1);
      const text = message.startsWith('Setting ') || !sub ? message : `${sub}: ${message}`;
      out[field] = out[field] ? `${out[field]} ${text}` : text;
    }
  }
  return out;
}

/** [path, label] in form order, for the error summary. */
export function fieldLabels(info: KindInfo | null, withCredentials: boolean): Array<readonly [string, string]> {
  return [
    ['kind', LABELS.kind],
    ['name', LABELS.name],
    ['currency', LABELS.currency],
    ...(withCredentials && info ? info.credentialFields.map((f) => [`credentials.${f.key}`, f.label] as const) : []),
    ['config', LABELS.config],
    ['scheduleMinutes', LABELS.scheduleMinutes],
    ['syncEnabled', LABELS.syncEnabled],
  ];
}

type Converted<T> = { ok: true; input: T } | { ok: false; errors: FieldErrors };

export function formToCreateInput(values: ProviderFormValues, info: KindInfo | null): Converted<CommandInput<'providers.create'>> {
  if (!info || values.kind === '') return { ok: false, errors: { kind: 'Choose the kind of provider account.' } };
  const config = parseConfig(values.configText);
  const input = {
    kind: info.kind,
    name: values.name,
    currency: values.currency,
    credentials: Object.fromEntries(info.credentialFields.map((f) => [f.key, values.credentials[f.key] ?? ''])),
    config: config.ok ? config.value : {},
    scheduleMinutes: scheduleValue(values.scheduleMinutes),
    syncEnabled: info.hasApi && values.syncEnabled,
  };
  const errors: Record<string, string> = { ...preValidate(ProviderCreateInput, input) };
  if (!config.ok) errors.config = config.message;
  if (Object.keys(errors).length > 0) return { ok: false, errors: foldErrors(errors) };
  return { ok: true, input: input as CommandInput<'providers.create'> };
}

/** Only what changed is sent; the rate card and other reserved settings are carried over untouched. */
export function formToUpdateInput(d: ProviderDetail, values: ProviderFormValues): Converted<CommandInput<'providers.update'>> {
  const config = parseConfig(values.configText);
  const input: Record<string, unknown> = { id: d.id };
  if (values.name.trim() !== d.name) input.name = values.name;
  if (values.currency !== d.currency) input.currency = values.currency;
  if (config.ok) {
    const merged = { ...config.value };
    for (const key of RESERVED_CONFIG_KEYS) if (key in d.config) merged[key] = d.config[key];
    if (JSON.stringify(merged) !== JSON.stringify(d.config)) input.config = merged;
  }
  const minutes = scheduleValue(values.scheduleMinutes);
  if (minutes !== d.scheduleMinutes) input.scheduleMinutes = minutes;
  if (values.syncEnabled !== d.syncEnabled) input.syncEnabled = values.syncEnabled;
  const errors: Record<string, string> = { ...preValidate(ProviderUpdateInput, input) };
  if (!config.ok) errors.config = config.message;
  if (Object.keys(errors).length > 0) return { ok: false, errors: foldErrors(errors) };
  return { ok: true, input: input as CommandInput<'providers.update'> };
}

/** "Replace credentials": every field of the kind, as typed. */
export function credentialsToUpdateInput(id: number, info: KindInfo, credentials: Record<string, string>): CommandInput<'providers.update'> {
  return { id, credentials: Object.fromEntries(info.credentialFields.map((f) => [f.key, credentials[f.key] ?? ''])) };
}

/** True when the update input changes nothing. */
export function isNoop(input: CommandInput<'providers.update'>): boolean {
  return Object.keys(input).length === 1;
}
