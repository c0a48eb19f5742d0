// Runs in the renderer. Three-way theme control: System / Light / Dark, remembered in localStorage.
import { useState } from 'react';
import { applyTheme, readThemePreference, THEME_PREFERENCES, writeThemePreference, type ThemePreference } from './theme';

const LABELS: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' };

function storage(): globalThis.Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Applies the saved preference; main.tsx calls this before the first render so nothing flashes. */
export function initTheme(): void {
  applyTheme(document.documentElement, readThemePreference(storage()));
}

export function ThemeSwitcher() {
  const [pref, setPref] = useState<ThemePreference>(() => readThemePreference(storage()));
  const choose = (p: ThemePreference) => {
    setPref(p);
    writeThemePreference(storage(), p);
    applyTheme(document.documentElement, p);
  };
  return (
    <fieldset className="segmented segmented-small theme-switcher">
      <legend className="visually-hidden">Theme</legend>
      {THEME_PREFERENCES.map((p) => (
        <label key={p} className="segment">
          <input type="radio" name="theme" value={p} checked={pref === p} onChange={() => choose(p)} />
          <span>{LABELS[p]}</span>
        </label>
      ))}
    </fieldset>
  );
}
