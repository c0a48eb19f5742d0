import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, fitToDisplays, loadWindowState, MIN_SIZE, parseWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meterbook-window-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('window state', () => {
  it('round-trips through the data folder', async () => {
    saveWindowState(dir, { x: 10, y: 20, width: 1400, height: 900, maximized: true });
    expect(loadWindowState(dir)).toEqual({ x: 10, y: 20, width: 1400, height: 900, maximized: true });
    expect(JSON.parse(await readFile(path.join(dir, WINDOW_STATE_FILE), 'utf8'))).toMatchObject({ width: 1400 });
    if (process.platform !== 'win32') expect((await stat(path.join(dir, WINDOW_STATE_FILE))).mode & 0o777).toBe(0o600);
  });

  it('falls back to defaults for a missing or corrupt file', async () => {
    expect(loadWindowState(dir)).toEqual({ ...DEFAULT_SIZE, maximized: false });
    await writeFile(path.join(dir, WINDOW_STATE_FILE), '{not json');
    expect(loadWindowState(dir)).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('clamps sizes and drops a half-given position', () => {
    expect(parseWindowState({ width: 10, height: 1e9, x: 5 })).toEqual({ width: MIN_SIZE.width, height: 10_000, maximized: false });
    expect(parseWindowState({ width: 'big', height: 800 })).toEqual({ ...DEFAULT_SIZE, maximized: false });
    expect(parseWindowState({ width: 1000.5, height: 800 })).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('keeps a position on a current display and forgets one on an unplugged monitor', () => {
    const laptop = { x: 0, y: 0, width: 1440, height: 875 };
    expect(fitToDisplays({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      maximized: false,
    });
    expect(fitToDisplays({ x: 2000, y: 100, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
    // lands on the display but is bigger than it: shrunk to fit
    expect(fitToDisplays({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [laptop])).toMatchObject({ width: 1440, height: 875 });
  });
});
