// Runs in main. Seals a workspace file's credentials under a passphrase the user types: scrypt derives
// a 256-bit key, AES-256-GCM encrypts and authenticates (a wrong passphrase or a changed byte fails).
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

export interface SealedJson {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

const AAD = Buffer.from('meterbook/workspace-secrets/v1');
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const MAXMEM = 256 * 1024 * 1024;

/** The passphrase does not open the sealed data (wrong, or the data was changed). */
export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
}

function deriveKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: MAXMEM });
}

export function sealWithPassphrase(plain: string, passphrase: string): SealedJson {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = deriveKey(passphrase, salt, PARAMS);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { kdf: 'scrypt', ...PARAMS, salt: salt.toString('base64'), cipher: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function openWithPassphrase(sealed: SealedJson, passphrase: string): string {
  const within = (n: unknown, max: number) => typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= max;
  if (sealed.kdf !== 'scrypt' || sealed.cipher !== 'aes-256-gcm' || !within(sealed.N, 2 ** 20) || !within(sealed.r, 32) || !within(sealed.p, 16)) {
    throw new WrongPassphraseError('The credentials in this file use an unknown format.');
  }
  try {
    const key = deriveKey(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new WrongPassphraseError('The passphrase does not open the credentials in this file.');
  }
}
