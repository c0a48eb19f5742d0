// Runs anywhere (main's menu, the renderer's key handler). The keyboard shortcuts of the main screens:
// Mod+1..n in sidebar order and Mod+, for Settings (Mod = Cmd on macOS, Ctrl elsewhere). The menu shows them as
// accelerators and tells the renderer to go to `hash`; in browser mode the renderer handles the keys itself.

export interface ScreenShortcut {
  /** the KeyboardEvent.key, pressed with Mod */
  key: string;
  label: string;
  /** the renderer's hash route */
  hash: `#/${string}`;
}

export const SCREEN_SHORTCUTS: readonly ScreenShortcut[] = [
  { key: '1', label: 'Dashboard', hash: '#/dashboard' },
  { key: '2', label: 'Clients', hash: '#/clients' },
  { key: '3', label: 'Breakdown', hash: '#/breakdown' },
  { key: '4', label: 'Plans', hash: '#/plans' },
  { key: '5', label: 'Invoices', hash: '#/invoices' },
  { key: '6', label: 'Providers', hash: '#/providers' },
  { key: '7', label: 'Unassigned Usage', hash: '#/usage/unassigned' },
  { key: '8', label: 'Import Usage', hash: '#/import' },
  { key: '9', label: 'Alerts', hash: '#/alerts' },
  { key: ',', label: 'Settings', hash: '#/settings' },
];

/** Electron's accelerator text: "CmdOrCtrl+1". */
export const accelerator = (s: ScreenShortcut): string => `CmdOrCtrl+${s.key}`;

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The shortcut a key press means, or null. Mod alone: Shift or Alt (or Ctrl on a Mac) make it another chord. */
export function shortcutFor(e: KeyLike, mac: boolean): ScreenShortcut | null {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey || e.shiftKey) return null;
  return SCREEN_SHORTCUTS.find((s) => s.key === e.key) ?? null;
}

/** A hash main may send with "app.navigate": one of the shortcut targets, nothing else. */
export function isShortcutHash(hash: string): boolean {
  return SCREEN_SHORTCUTS.some((s) => s.hash === hash);
}
