// Runs in main (Electron, the browser-mode bridge, the CLI); imports nothing from electron.
// Encrypts provider credentials (API keys, Stripe keys) before they reach the ledger.
//   - safeStorageBox: Electron's safeStorage (OS keychain / DPAPI / libsecret), injected.
//   - keyFileBox: AES-256-GCM with a random key in <dataDir>/secret.key (mode 0600), for browser
//     mode, the CLI and tests, where safeStorage does not exist.
// Plaintext secrets must never be logged; hint() is what the UI shows instead.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  encrypt(plain: string): Buffer;
  /** Throws SecretError when the data was tampered with or was sealed with another key. */
  decrypt(buf: Buffer): string;
  /** A masked form safe to show and log, e.g. "sk-…a1b2". */
  hint(plain: string): string;
}

/** A secret cannot be sealed or opened; the message says what the user can do. */
export class SecretError extends Error {
  override readonly name = 'SecretError';
}

/**
 * Masks a secret to its conventional prefix (up to the first "-" or "_", as in "sk-", "rk_",
 * "pk_live_" -> "pk_") and its last 4 characters. Secrets shorter than 12 characters show no
 * characters at all: for them, 4 characters would be a large part of the secret.
 *
 * @example
 * maskSecret('sk-proj-9f8e7d6c5b4a3a1b2') // 'sk-…a1b2'
 * maskSecret('0123456789abcdef')           // '…cdef'
 * maskSecret('short')                      // '…'
 */
export function maskSecret(plain: string): string {
  const trimmed = plain.trim();
  if (trimmed.length < 12) return '…';
  const prefix = /^[A-Za-z]{1,8}[-_]/.exec(trimmed)?.[0] ?? '';
  return `${prefix}…${trimmed.slice(-4)}`;
}

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: "basic_text" means no keyring, i.e. a hard-coded key (no real protection) */
  getSelectedStorageBackend?(): string;
}

/** True when safeStorage really uses an OS credential store (not Linux's hard-coded fallback). */
export function hasRealKeychain(safeStorage: SafeStorageLike): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
}

/** Uses the OS credential store through Electron's safeStorage (passed in, never imported). */
export function safeStorageBox(safeStorage: SafeStorageLike): SecretBox {
  const requireAvailable = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new SecretError(
        'The system keychain is not available, so Meterbook cannot store credentials safely. Unlock or set up the keychain (on Linux: GNOME Keyring or KWallet) and try again.',
      );
    }
  };
  return {
    encrypt(plain) {
      requireAvailable();
      return safeStorage.encryptString(plain);
    },
    decrypt(buf) {
      requireAvailable();
      try {
        return safeStorage.decryptString(buf);
      } catch {
        throw new SecretError('A stored credential could not be decrypted with this computer’s keychain. Enter it again.');
      }
    },
    hint: maskSecret,
  };
}

export const KEY_FILE = 'secret.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** first byte of every sealed value; lets the format change later */
const FORMAT_V1 = 1;
/** binds ciphertexts to this use, so the key cannot be misused for something else */
const AAD = Buffer.from('meterbook/secret/v1');

/**
 * Reads <dataDir>/secret.key, creating it (32 random bytes, mode 0600, exclusive create) when it
 * does not exist. On POSIX a key file that group or others can access, a symlink or a file of
 * the wrong size is refused with an error that says how to fix it.
 */
export function loadOrCreateKey(dataDir: string): Buffer {
  const file = path.join(dataDir, KEY_FILE);
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readKey(file);
  }
  try {
    const key = randomBytes(KEY_BYTES);
    writeSync(fd, key);
    return key;
  } finally {
    closeSync(fd);
  }
}

function readKey(file: string): Buffer {
  const link = lstatSync(file);
  if (!link.isFile()) throw new SecretError(`Refusing to use ${file}: it is not a regular file (a symlink or a folder). Move it away; Meterbook will not read keys through links.`);
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new SecretError(`Refusing to use ${file}: its permissions are ${mode}, so other users may read it. Run: chmod 600 "${file}"`);
    }
    const key = readFileSync(fd);
    if (key.length !== KEY_BYTES) throw new SecretError(`Refusing to use ${file}: it holds ${key.length} bytes, not ${KEY_BYTES}. Restore it from a backup.`);
    return key;
  } finally {
    closeSync(fd);
  }
}

/**
 * AES-256-GCM with the key in <dataDir>/secret.key. Layout of a sealed value:
 * version (1 byte) | IV (12 random bytes) | auth tag (16 bytes) | ciphertext.
 */
export function keyFileBox(dataDir: string): SecretBox {
  const key = loadOrCreateKey(dataDir);
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(AAD);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), body]);
    },
    decrypt(buf) {
      if (buf.length < 1 + IV_BYTES + TAG_BYTES || buf[0] !== FORMAT_V1) {
        throw new SecretError('A stored credential is damaged or in an unknown format. Enter it again.');
      }
      const iv = buf.subarray(1, 1 + IV_BYTES);
      const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const body = buf.subarray(1 + IV_BYTES + TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(AAD);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretError(
          `A stored credential failed its integrity check: it was altered, or ${KEY_FILE} in the data folder is not the key it was saved with. Enter the credential again.`,
        );
      }
    },
    hint: maskSecret,
  };
}

/**
 * The desktop app's box: seals with the OS keychain when there is a real one, otherwise with the
 * key file (so a Linux machine without a keyring still works). Opens either format, told apart
 * by the first byte (the key file's version byte is 0x01; safeStorage output starts with "v1").
 * The key file is only created if it is ever needed.
 */
export function desktopSecretBox(safeStorage: SafeStorageLike, dataDir: string): SecretBox {
  const keychain = safeStorageBox(safeStorage);
  let keyFile: SecretBox | null = null;
  const file = () => (keyFile ??= keyFileBox(dataDir));
  return {
    encrypt: (plain) => (hasRealKeychain(safeStorage) ? keychain.encrypt(plain) : file().encrypt(plain)),
    decrypt: (buf) => (buf[0] === FORMAT_V1 ? file().decrypt(buf) : keychain.decrypt(buf)),
    hint: maskSecret,
  };
}
