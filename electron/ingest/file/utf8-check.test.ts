import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, utf8Checked } from './utf8-check';

async function readAll(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of utf8Checked(Readable.from(chunks))) out.push(c as Buffer);
  return Buffer.concat(out);
}

describe('UTF-8 check of usage files', () => {
  it('agrees with Node on whether bytes are UTF-8 (a cut-off last sequence aside)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme' }).map((s) => new Uint8Array(Buffer.from(s)))), (bytes) => {
        const { invalidAt, incomplete } = firstInvalidUtf8(bytes);
        if (invalidAt === -1 && incomplete === 0) expect(isUtf8(bytes)).toBe(true);
        if (invalidAt >= 0) {
          expect(isUtf8(bytes)).toBe(false);
          expect(isUtf8(bytes.subarray(0, invalidAt))).toBe(true);
        }
        if (incomplete > 0) expect(isUtf8(bytes.subarray(0, bytes.length - incomplete))).toBe(true);
      }),
    );
  });

  it('passes UTF-8 through unchanged, however it is split into chunks', async () => {
    const text = Buffer.from('id,name\n1,Zoë 🎉\n2,東京\n');
    const chunks = [text.subarray(0, 14), text.subarray(14, 17), text.subarray(17, 18), text.subarray(18)];
    expect((await readAll(chunks)).equals(text)).toBe(true);
  });

  it('stops at a Latin-1 byte, naming its line', async () => {
    const latin1 = Buffer.from('id,name\n1,ok\n2,Zo\xeb\n', 'latin1');
    await expect(readAll([latin1])).rejects.toMatchObject({ code: 'not_utf8', message: expect.stringMatching(/^Only UTF-8 files can be imported, and line 3 of this file/) });
    await expect(readAll([Buffer.from([0xff, 0xfe, 0x69, 0x00])])).rejects.toMatchObject({ code: 'not_utf8', message: expect.stringMatching(/line 1 /) });
  });

  it('refuses a file that ends in the middle of a character', async () => {
    await expect(readAll([Buffer.from('id\n1'), Buffer.from([0xe6, 0x9d])])).rejects.toMatchObject({ code: 'not_utf8', message: expect.stringMatching(/line 2 /) });
  });
});
