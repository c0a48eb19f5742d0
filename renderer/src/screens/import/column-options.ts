// Runs in the renderer (pure). Option lists of the mapping form, built from the previewed file.
import type { SelectOption } from '../../forms/field';
import { columnToken, constantOf, isConstantToken, tokenRef, type Token } from './mapping-form-model';
import type { OptionGroup } from './source-select';

const MAX_SAMPLE = 28;

function sample(rows: ReadonlyArray<readonly string[]>, i: number): string | null {
  for (const r of rows) {
    const v = (r[i] ?? '').trim();
    if (v) return v.length > MAX_SAMPLE ? `${v.slice(0, MAX_SAMPLE - 1)}…` : v;
  }
  return null;
}

/** One option per column of the file: "call_id — e.g. c_001" (or "Column 3 — e.g. …" without a header row). */
export function columnOptions(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, hasHeader: boolean): SelectOption[] {
  const count = hasHeader && headers.length > 0 ? headers.length : Math.max(headers.length, ...rows.map((r) => r.length), 0);
  const out: SelectOption[] = [];
  for (let i = 0; i < count; i++) {
    const name = hasHeader && headers[i] !== undefined ? headers[i]! : `Column ${i + 1}`;
    const s = sample(rows, i);
    out.push({ value: columnToken(headers, i, hasHeader && headers.length > 0), label: s ? `${name} — e.g. ${s}` : name });
  }
  return out;
}

/** Keeps a chosen column visible even when the file does not have it (a saved mapping from another export). */
export function withMissing(options: readonly SelectOption[], current: Token): SelectOption[] {
  const ref = tokenRef(current);
  if (ref === undefined || options.some((o) => o.value === current)) return [...options];
  return [...options, { value: current, label: `${typeof ref === 'number' ? `Column ${ref}` : ref} (not in this file)` }];
}

export function columnGroups(columns: readonly SelectOption[], current: Token, empty: string, extra: OptionGroup[] = []): OptionGroup[] {
  const groups: OptionGroup[] = [{ label: null, options: [{ value: '', label: empty }] }, { label: 'Columns of the file', options: withMissing(columns, current) }, ...extra];
  if (isConstantToken(current) && constantOf(current) && !extra.some((g) => g.options.some((o) => o.value === current))) {
    groups.push({ label: 'Saved value', options: [{ value: current, label: constantOf(current) }] });
  }
  return groups;
}
