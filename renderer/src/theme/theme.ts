// Runs in the renderer (pure apart from the arguments it is given). Light, dark, or follow the system.

export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

export const THEME_STORAGE_KEY = 'meterbook.theme';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readThemePreference(storage: Storage | null): ThemePreference {
  try {
    const v = storage?.getItem(THEME_STORAGE_KEY);
    return (THEME_PREFERENCES as readonly string[]).includes(v ?? '') ? (v as ThemePreference) : 'system';
  } catch {
    return 'system'; // storage disabled
  }
}

export function writeThemePreference(storage: Storage | null, pref: ThemePreference): void {
  try {
    if (pref === 'system') storage?.removeItem(THEME_STORAGE_KEY);
    else storage?.setItem(THEME_STORAGE_KEY, pref);
  } catch {
    // storage disabled: the choice lasts for this session only
  }
}

/** Sets `data-theme` on the root element; "system" removes it so the CSS follows prefers-color-scheme. */
export function applyTheme(root: { dataset: DOMStringMap }, pref: ThemePreference): void {
  if (pref === 'system') delete root.dataset.theme;
  else root.dataset.theme = pref;
}
