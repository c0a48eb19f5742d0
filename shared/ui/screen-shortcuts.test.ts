import { describe, expect, it } from 'vitest';
import { accelerator, isShortcutHash, SCREEN_SHORTCUTS, shortcutFor } from './screen-shortcuts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('screen shortcuts', () => {
  it('maps Ctrl+digit elsewhere and Cmd+digit on a Mac to the screens in sidebar order', () => {
    expect(shortcutFor(press('1', { ctrlKey: true }), false)?.hash).toBe('#/dashboard');
    expect(shortcutFor(press('5', { metaKey: true }), true)?.hash).toBe('#/invoices');
    expect(shortcutFor(press(',', { ctrlKey: true }), false)?.hash).toBe('#/settings');
  });

  it('ignores the wrong modifier, extra modifiers and unbound keys', () => {
    expect(shortcutFor(press('1'), false)).toBeNull();
    expect(shortcutFor(press('1', { metaKey: true }), false)).toBeNull();
    expect(shortcutFor(press('1', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(press('1', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(shortcutFor(press('1', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(shortcutFor(press('0', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(press('s', { ctrlKey: true }), false)).toBeNull();
  });

  it('has unique keys and hashes, and Electron accelerators', () => {
    expect(new Set(SCREEN_SHORTCUTS.map((s) => s.key)).size).toBe(SCREEN_SHORTCUTS.length);
    expect(new Set(SCREEN_SHORTCUTS.map((s) => s.hash)).size).toBe(SCREEN_SHORTCUTS.length);
    expect(accelerator(SCREEN_SHORTCUTS[0]!)).toBe('CmdOrCtrl+1');
  });

  it('accepts only shortcut targets from main', () => {
    expect(isShortcutHash('#/plans')).toBe(true);
    expect(isShortcutHash('#/clients/1')).toBe(false);
    expect(isShortcutHash('javascript:alert(1)')).toBe(false);
  });
});
