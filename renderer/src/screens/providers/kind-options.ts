// Runs in the renderer (pure). The "Kind" picker: every provider kind, saying whether it syncs by API.
import type { SelectOption } from '../../forms/field';
import type { KindInfo } from './provider-form-model';

export function kindOptionLabel(info: KindInfo): string {
  return info.hasApi ? `${info.label} — syncs by API` : `${info.label.replace(/\s*\(file import\)$/, '')} — usage arrives by file import`;
}

export function kindOptions(kinds: readonly KindInfo[]): SelectOption[] {
  return [{ value: '', label: 'Choose a kind…' }, ...kinds.map((k) => ({ value: k.kind, label: kindOptionLabel(k) }))];
}

/** One sentence under the picker about the chosen kind. */
export function kindHint(info: KindInfo | null): string {
  if (!info) return 'The platform this account is on.';
  if (!info.hasApi) return 'No API: usage arrives by file import (Import usage).';
  return info.credentialFields.length > 0
    ? 'Syncs usage from the provider’s API with the credentials below.'
    : 'Syncs usage from the provider’s API.';
}
