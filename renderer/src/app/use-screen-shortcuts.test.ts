import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleShortcutKey } from './use-screen-shortcuts';

function keydown(key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat' | 'defaultPrevented', boolean>> = {}) {
  const e = { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, repeat: false, defaultPrevented: false, ...mods, preventDefault: vi.fn() };
  return e as unknown as KeyboardEvent & { preventDefault: ReturnType<typeof vi.fn> };
}

describe('handleShortcutKey', () => {
  beforeEach(() => vi.stubGlobal('window', { location: { hash: '#/clients/3' } }));
  afterEach(() => vi.unstubAllGlobals());

  it('goes to the screen and stops the browser default', () => {
    const e = keydown('4', { ctrlKey: true });
    expect(handleShortcutKey(e, false)).toBe(true);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(window.location.hash).toBe('#/plans');
    expect(handleShortcutKey(keydown(',', { metaKey: true }), true)).toBe(true);
    expect(window.location.hash).toBe('#/settings');
  });

  it('leaves other keys, repeats and handled events alone', () => {
    for (const e of [keydown('2'), keydown('2', { ctrlKey: true, repeat: true }), keydown('2', { ctrlKey: true, defaultPrevented: true }), keydown('a', { ctrlKey: true })]) {
      expect(handleShortcutKey(e, false)).toBe(false);
      expect(e.preventDefault).not.toHaveBeenCalled();
    }
    expect(window.location.hash).toBe('#/clients/3');
  });
});
