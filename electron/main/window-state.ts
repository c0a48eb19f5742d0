// Runs in main; no electron import. Remembers the main window's size and position in
// <dataDir>/window-state.json. A missing, corrupt or off-screen state falls back to defaults:
// losing it is harmless, refusing to start over it is not.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  /** absent: let the OS centre the window */
  x?: number;
  y?: number;
  maximized: boolean;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Validates parsed JSON into a WindowState; anything unexpected becomes the default. */
export function parseWindowState(raw: unknown): WindowState {
  const fallback: WindowState = { ...DEFAULT_SIZE, maximized: false };
  if (typeof raw !== 'object' || raw === null) return fallback;
  const r = raw as Record<string, unknown>;
  if (!isInt(r.width) || !isInt(r.height)) return fallback;
  const state: WindowState = {
    width: Math.min(Math.max(r.width, MIN_SIZE.width), 10_000),
    height: Math.min(Math.max(r.height, MIN_SIZE.height), 10_000),
    maximized: r.maximized === true,
  };
  if (isInt(r.x) && isInt(r.y)) {
    state.x = r.x;
    state.y = r.y;
  }
  return state;
}

export function loadWindowState(dataDir: string): WindowState {
  try {
    return parseWindowState(JSON.parse(readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8')));
  } catch {
    return parseWindowState(null);
  }
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export function saveWindowState(dataDir: string, state: WindowState): void {
  const file = path.join(dataDir, WINDOW_STATE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/**
 * Keeps a saved position only when enough of the window (its title bar area) lands on a current
 * display; a monitor unplugged since last time must not strand the window off-screen. The size
 * is shrunk to the display the window lands on.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const titleBar: Rect = { x, y, width: state.width, height: 40 };
  const host = workAreas.find((area) => overlap(titleBar, area) >= 100 * 20);
  if (!host) return { width: state.width, height: state.height, maximized: state.maximized };
  return { ...state, width: Math.min(state.width, host.width), height: Math.min(state.height, host.height) };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
