import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopSecretBox, KEY_FILE, keyFileBox, maskSecret, safeStorageBox, SecretError, type SafeStorageLike } from './secrets';

const posix = process.platform !== 'win32';
const SECRET = 'sk-proj-9f8e7d6c5b4a3a1b2';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'meterbook-secrets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('keyFileBox', () => {
  it('round-trips, including unicode and the empty string', () => {
    const box = keyFileBox(dir);
    for (const plain of [SECRET, '', 'pässwörd 🔑 ключ', 'x'.repeat(10_000)]) expect(box.decrypt(box.encrypt(plain))).toBe(plain);
  });

  it('creates a 32-byte key file with mode 0600 and reuses it', () => {
    const sealed = keyFileBox(dir).encrypt(SECRET);
    const keyFile = path.join(dir, KEY_FILE);
    expect(readFileSync(keyFile).length).toBe(32);
    if (posix) expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // a second box (next launch) reads the same key
    expect(keyFileBox(dir).decrypt(sealed)).toBe(SECRET);
  });

  it('uses a fresh IV per message and never contains the plaintext', () => {
    const box = keyFileBox(dir);
    const a = box.encrypt(SECRET);
    const b = box.encrypt(SECRET);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    for (const sealed of [a, b]) {
      expect(sealed.includes(Buffer.from(SECRET))).toBe(false);
      expect(sealed.toString('latin1')).not.toContain('9f8e7d6c');
      expect(sealed.toString('base64')).not.toContain(Buffer.from(SECRET).toString('base64'));
    }
  });

  it('detects tampering anywhere in the sealed value', () => {
    const box = keyFileBox(dir);
    const sealed = box.encrypt(SECRET);
    for (let i = 1; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = bad[i]! ^ 0x01;
      expect(() => box.decrypt(bad), `byte ${i}`).toThrow(SecretError);
    }
    expect(() => box.decrypt(sealed.subarray(0, sealed.length - 1))).toThrow(/integrity/);
    expect(() => box.decrypt(Buffer.alloc(5))).toThrow(/damaged/);
    expect(() => box.decrypt(Buffer.concat([Buffer.of(9), sealed.subarray(1)]))).toThrow(/unknown format/);
  });

  it('refuses a value sealed with another data folder key', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'meterbook-secrets-other-'));
    try {
      const sealed = keyFileBox(other).encrypt(SECRET);
      expect(() => keyFileBox(dir).decrypt(sealed)).toThrow(/not the key it was saved with/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it.runIf(posix)('refuses a key file that group or others can read, saying how to fix it', () => {
    keyFileBox(dir);
    const keyFile = path.join(dir, KEY_FILE);
    chmodSync(keyFile, 0o644);
    expect(() => keyFileBox(dir)).toThrow(/permissions are 0644.*chmod 600/);
    chmodSync(keyFile, 0o640);
    expect(() => keyFileBox(dir)).toThrow(SecretError);
    chmodSync(keyFile, 0o600);
    expect(() => keyFileBox(dir)).not.toThrow();
  });

  it.runIf(posix)('refuses a symlinked or truncated key file', () => {
    const elsewhere = path.join(dir, 'elsewhere.key');
    writeFileSync(elsewhere, Buffer.alloc(32), { mode: 0o600 });
    symlinkSync(elsewhere, path.join(dir, KEY_FILE));
    expect(() => keyFileBox(dir)).toThrow(/not a regular file/);
    rmSync(path.join(dir, KEY_FILE));
    writeFileSync(path.join(dir, KEY_FILE), Buffer.alloc(7), { mode: 0o600 });
    expect(() => keyFileBox(dir)).toThrow(/7 bytes/);
  });

  it('does not create the key in a folder that does not exist', () => {
    expect(() => keyFileBox(path.join(dir, 'missing'))).toThrow();
    expect(existsSync(path.join(dir, 'missing'))).toBe(false);
  });
});

describe('safeStorageBox', () => {
  // A stand-in for Electron's safeStorage (the real one needs the Electron binary and a keychain).
  const fakeSafeStorage = (available: boolean): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
    decryptString: (b) => {
      const t = b.toString();
      if (!t.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(t.slice(4), 'base64').toString();
    },
  });

  it('delegates to safeStorage', () => {
    const box = safeStorageBox(fakeSafeStorage(true));
    expect(box.decrypt(box.encrypt(SECRET))).toBe(SECRET);
    expect(box.hint(SECRET)).toBe('sk-…a1b2');
  });

  it('refuses to work without a keychain and explains what to do', () => {
    const box = safeStorageBox(fakeSafeStorage(false));
    expect(() => box.encrypt(SECRET)).toThrow(/keychain is not available/);
  });

  it('maps a decrypt failure to a SecretError a user can act on', () => {
    expect(() => safeStorageBox(fakeSafeStorage(true)).decrypt(Buffer.from('garbage'))).toThrow(/Enter it again/);
  });
});

describe('desktopSecretBox', () => {
  const fake = (available: boolean, backend = 'gnome_libsecret'): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.concat([Buffer.from('v11'), Buffer.from(s).reverse()]),
    decryptString: (b) => Buffer.from(b.subarray(3)).reverse().toString(),
  });

  it('uses the keychain when there is one, without creating a key file', () => {
    const box = desktopSecretBox(fake(true), dir);
    const sealed = box.encrypt(SECRET);
    expect(sealed.subarray(0, 3).toString()).toBe('v11');
    expect(box.decrypt(sealed)).toBe(SECRET);
    expect(existsSync(path.join(dir, KEY_FILE))).toBe(false);
  });

  it('falls back to the key file without a keychain, and still opens both formats later', () => {
    const noKeychain = process.platform === 'linux' ? fake(true, 'basic_text') : fake(false);
    const fromFile = desktopSecretBox(noKeychain, dir).encrypt(SECRET);
    expect(fromFile[0]).toBe(1);
    expect(existsSync(path.join(dir, KEY_FILE))).toBe(true);
    // the keyring appears later: old values still open, new ones go to the keychain
    const box = desktopSecretBox(fake(true), dir);
    expect(box.decrypt(fromFile)).toBe(SECRET);
    expect(box.decrypt(box.encrypt(SECRET))).toBe(SECRET);
  });
});

describe('maskSecret', () => {
  it('keeps the prefix and the last 4 characters only', () => {
    expect(maskSecret(SECRET)).toBe('sk-…a1b2');
    expect(maskSecret('rk_live_51HxYzabcdefghij9z9z')).toBe('rk_…9z9z');
    expect(maskSecret('0123456789abcdef')).toBe('…cdef');
    expect(maskSecret('short')).toBe('…');
    expect(maskSecret('')).toBe('…');
    expect(maskSecret(SECRET)).not.toContain('9f8e');
  });
});
