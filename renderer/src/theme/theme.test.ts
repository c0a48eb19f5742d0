import { describe, expect, it } from 'vitest';
import { applyTheme, readThemePreference, THEME_STORAGE_KEY, writeThemePreference } from './theme';

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

describe('theme preference', () => {
  it('defaults to system and ignores junk', () => {
    expect(readThemePreference(null)).toBe('system');
    expect(readThemePreference(memoryStorage())).toBe('system');
    expect(readThemePreference(memoryStorage({ [THEME_STORAGE_KEY]: 'purple' }))).toBe('system');
  });

  it('persists light and dark, and forgets system', () => {
    const s = memoryStorage();
    writeThemePreference(s, 'dark');
    expect(readThemePreference(s)).toBe('dark');
    writeThemePreference(s, 'system');
    expect(s.map.has(THEME_STORAGE_KEY)).toBe(false);
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readThemePreference(broken)).toBe('system');
    expect(() => writeThemePreference(broken, 'light')).not.toThrow();
  });

  it('sets and clears data-theme', () => {
    const root = { dataset: {} as Record<string, string | undefined> };
    applyTheme(root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    applyTheme(root, 'system');
    expect(root.dataset.theme).toBeUndefined();
  });
});
