import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from './menu-template';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label?.replace('&', ''));

describe('buildMenuTemplate', () => {
  const build = (platform: NodeJS.Platform, dev: boolean) => buildMenuTemplate({ appName: 'Meterbook', platform, dev, showDataFolder: () => {} });

  it('has File, Edit, View, Window, Help (plus the app menu on macOS)', () => {
    expect(labels(build('linux', false))).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels(build('win32', false))).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels(build('darwin', false))).toEqual(['Meterbook', 'File', 'Edit', 'View', 'Window', 'Help']);
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

  it('Show Data Folder calls back', () => {
    let called = 0;
    const tpl = buildMenuTemplate({ appName: 'Meterbook', platform: 'linux', dev: false, showDataFolder: () => called++ });
    const file = tpl[0]!.submenu as MenuItemConstructorOptions[];
    const item = file.find((i) => i.label === 'Show Data Folder')!;
    (item.click as () => void)();
    expect(called).toBe(1);
  });
});
