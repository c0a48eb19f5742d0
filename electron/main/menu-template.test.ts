import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from './menu-template';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label?.replace('&', ''));

describe('buildMenuTemplate', () => {
  const build = (platform: NodeJS.Platform, dev: boolean) => buildMenuTemplate({ appName: 'Meterbook', platform, dev, showDataFolder: () => {}, navigate: () => {} });

  it('has File, Edit, View, Window, Help (plus the app menu on macOS)', () => {
    expect(labels(build('linux', false))).toEqual(['File', 'Edit', 'View', 'Go', 'Window', 'Help']);
    expect(labels(build('win32', false))).toEqual(['File', 'Edit', 'View', 'Go', 'Window', 'Help']);
    expect(labels(build('darwin', false))).toEqual(['Meterbook', 'File', 'Edit', 'View', 'Go', 'Window', 'Help']);
  });

  it('offers no developer tools or reload in production', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const r = roles(build(platform, false));
      expect(r).not.toContain('toggleDevTools');
      expect(r).not.toContain('reload');
      expect(r).not.toContain('forceReload');
      expect(r).toEqual(expect.arrayContaining(['copy', 'paste', 'undo', 'selectAll', 'zoomIn']));
    }
    expect(roles(build('linux', true))).toContain('toggleDevTools');
  });

  it('Go switches screens with CmdOrCtrl+digit, and Settings has CmdOrCtrl+,', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const went: string[] = [];
      const tpl = buildMenuTemplate({ appName: 'Meterbook', platform, dev: false, showDataFolder: () => {}, navigate: (h) => went.push(h) });
      const all = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? all(i.submenu) : [])]);
      const go = tpl.find((i) => i.label === '&Go')!.submenu as MenuItemConstructorOptions[];
      expect(go[0]).toMatchObject({ label: 'Dashboard', accelerator: 'CmdOrCtrl+1' });
      (go[3]!.click as () => void)();
      const settings = all(tpl).find((i) => i.accelerator === 'CmdOrCtrl+,')!;
      (settings.click as () => void)();
      expect(went).toEqual(['#/plans', '#/settings']);
      expect(all(tpl).filter((i) => i.accelerator === 'CmdOrCtrl+,')).toHaveLength(1);
    }
  });

  it('Show Data Folder calls back', () => {
    let called = 0;
    const tpl = buildMenuTemplate({ appName: 'Meterbook', platform: 'linux', dev: false, showDataFolder: () => called++, navigate: () => {} });
    const file = tpl[0]!.submenu as MenuItemConstructorOptions[];
    const item = file.find((i) => i.label === 'Show Data Folder')!;
    (item.click as () => void)();
    expect(called).toBe(1);
  });
});
