// Runs in the renderer. Mod+1..n and Mod+, go to the main screens (shared/ui/screen-shortcuts.ts). In Electron the
// menu owns these accelerators and sends "app.navigate"; in browser mode the key presses arrive here.
import { useEffect } from 'react';
import { isShortcutHash, shortcutFor } from '../../../shared/ui/screen-shortcuts';
import { useEvent } from '../api';

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function go(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}

/** Handles a keydown for the shortcuts; returns whether it was one (and then stops the browser's own action). */
export function handleShortcutKey(e: KeyboardEvent, mac: boolean): boolean {
  if (e.defaultPrevented || e.repeat) return false;
  const s = shortcutFor(e, mac);
  if (!s) return false;
  e.preventDefault();
  go(s.hash);
  return true;
}

export function useScreenShortcuts(): void {
  useEffect(() => {
    const mac = isMac();
    const onKey = (e: KeyboardEvent) => void handleShortcutKey(e, mac);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEvent('app.navigate', (p) => {
    if (isShortcutHash(p.hash)) go(p.hash);
  });
}
