// Runs in main. Usage files must be UTF-8 (ImportMapping's `encoding`). Node's decoders quietly turn bytes that are
// not UTF-8 (a Latin-1 "é", a UTF-16 file) into U+FFFD, which would store ids and client keys the file never held.
// This pass-through stream stops the read at the first such byte instead, naming its line.
import { Transform, pipeline, type Readable } from 'node:stream';
import { ImportFileError } from './import-file-error';

/**
 * Index of the first byte of `bytes` that cannot be UTF-8, or -1. A sequence cut off by the end of `bytes` is not
 * an error here (the next chunk may complete it): `incomplete` is how many trailing bytes started it.
 */
export function firstInvalidUtf8(bytes: Uint8Array): { invalidAt: number; incomplete: number } {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return { invalidAt: i, incomplete: 0 };
    // the second byte's range excludes overlong forms, surrogates and code points past U+10FFFF
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { invalidAt: -1, incomplete: bytes.length - i };
      const c = bytes[i + k]!;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return { invalidAt: i, incomplete: 0 };
    }
    i += length;
  }
  return { invalidAt: -1, incomplete: 0 };
}

export function notUtf8(line: number): ImportFileError {
  return new ImportFileError(
    'not_utf8',
    `Only UTF-8 files can be imported, and line ${line} of this file has bytes that are not UTF-8 (was it saved as Latin-1, Windows-1252 or UTF-16?). Save it as UTF-8 (in Excel: Save As "CSV UTF-8") and import it again.`,
  );
}

/** `input` passed through unchanged, or failing with ImportFileError('not_utf8') at the first byte that is not UTF-8. */
export function utf8Checked(input: Readable): Readable {
  let carry = Buffer.alloc(0);
  let newlines = 0;
  const check = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      if (typeof chunk === 'string') {
        callback(null, chunk);
        return;
      }
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const { invalidAt, incomplete } = firstInvalidUtf8(bytes);
      if (invalidAt >= 0) {
        callback(notUtf8(newlines + countNewlines(bytes.subarray(0, invalidAt)) + 1));
        return;
      }
      const complete = bytes.length - incomplete;
      newlines += countNewlines(bytes.subarray(0, complete));
      carry = Buffer.from(bytes.subarray(complete));
      callback(null, chunk);
    },
    flush(callback) {
      callback(carry.length > 0 ? notUtf8(newlines + 1) : null);
    },
  });
  // errors of the file (permissions, I/O) reach the reader through `check` unchanged
  pipeline(input, check, () => {});
  return check;
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}
