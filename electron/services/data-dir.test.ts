import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirError, dataDirFlag, defaultDataDir, resolveDataDir } from './data-dir';

const defaultDir = '/default/Meterbook';
const cwd = '/work/here';

describe('resolveDataDir', () => {
  it('uses --data-dir DIR first', () => {
    expect(resolveDataDir({ argv: ['x', '--data-dir', '/a'], env: { METERBOOK_DATA_DIR: '/b' }, defaultDir, cwd })).toBe('/a');
  });

  it('accepts --data-dir=DIR', () => {
    expect(resolveDataDir({ argv: ['--data-dir=/a/b'], env: {}, defaultDir, cwd })).toBe('/a/b');
  });

  it('takes the last --data-dir when given twice', () => {
    expect(resolveDataDir({ argv: ['--data-dir', '/a', '--data-dir=/c'], env: {}, defaultDir, cwd })).toBe('/c');
  });

  it('falls back to METERBOOK_DATA_DIR, then the default', () => {
    expect(resolveDataDir({ argv: [], env: { METERBOOK_DATA_DIR: '/b' }, defaultDir, cwd })).toBe('/b');
    expect(resolveDataDir({ argv: [], env: { METERBOOK_DATA_DIR: '  ' }, defaultDir, cwd })).toBe(defaultDir);
    expect(resolveDataDir({ argv: ['--other', 'x'], env: {}, defaultDir, cwd })).toBe(defaultDir);
  });

  it('resolves relative paths against cwd and expands ~', () => {
    expect(resolveDataDir({ argv: ['--data-dir', 'books'], env: {}, defaultDir, cwd })).toBe('/work/here/books');
    expect(resolveDataDir({ argv: [], env: { METERBOOK_DATA_DIR: '../x/./y' }, defaultDir, cwd })).toBe('/work/x/y');
    expect(resolveDataDir({ argv: ['--data-dir', '~/mb'], env: {}, defaultDir, cwd })).toBe(path.join(os.homedir(), 'mb'));
    expect(path.isAbsolute(resolveDataDir({ argv: [], env: {}, defaultDir: 'rel' }))).toBe(true);
  });

  it('ignores arguments after --', () => {
    expect(dataDirFlag(['--', '--data-dir', '/a'])).toBeUndefined();
  });

  it('refuses a --data-dir without a folder', () => {
    expect(() => dataDirFlag(['--data-dir'])).toThrow(DataDirError);
    expect(() => dataDirFlag(['--data-dir', '--port'])).toThrow(/needs a folder/);
    expect(() => dataDirFlag(['--data-dir='])).toThrow(DataDirError);
  });
});

describe('defaultDataDir', () => {
  it('matches Electron userData on Linux', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, homedir: '/home/ann' })).toBe('/home/ann/.config/Meterbook');
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, homedir: '/home/ann' })).toBe('/cfg/Meterbook');
  });

  it('matches Electron userData on macOS', () => {
    expect(defaultDataDir({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/cfg' }, homedir: '/Users/ann' })).toBe('/Users/ann/Library/Application Support/Meterbook');
  });

  it('matches Electron userData on Windows', () => {
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, homedir: 'C:\\Users\\ann' })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Meterbook',
    );
    expect(defaultDataDir({ platform: 'win32', env: {}, homedir: 'C:\\Users\\ann' })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Meterbook');
  });

  it('is absolute for this machine', () => {
    expect(path.isAbsolute(defaultDataDir())).toBe(true);
    expect(path.basename(defaultDataDir())).toBe('Meterbook');
  });
});
