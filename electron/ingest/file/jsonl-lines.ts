// Runs in main. Splits a JSON-lines file into lines without ever holding more than one line (plus one
// read chunk) in memory. Line numbers are 1-based and count every line, blank ones included, so they
// match any text editor. A UTF-8 byte-order mark and "\r\n" endings are accepted. A line longer than
// `maxLineBytes` is rejected on its own (its bytes are dropped as they stream by) and reading goes on.
import type { Readable } from 'node:stream';
import { describeSize, type ByteCounter, type SourceItem } from './source-items';

const NEWLINE = 0x0a;

export async function* readJsonlItems(input: Readable, maxLineBytes: number, counter: ByteCounter): AsyncGenerator<SourceItem[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let lineNo = 0;

  const finish = (last: Buffer): SourceItem => {
    lineNo++;
    if (tooLong || pendingBytes + last.length > maxLineBytes) {
      tooLong = false;
      pending = [];
      pendingBytes = 0;
      return { kind: 'malformed', position: lineNo, reason: `the line is longer than ${describeSize(maxLineBytes)}` };
    }
    const bytes = pending.length === 0 ? last : Buffer.concat([...pending, last]);
    pending = [];
    pendingBytes = 0;
    let text = bytes.toString('utf8');
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return text.trim() === '' ? { kind: 'blank', position: lineNo } : { kind: 'line', position: lineNo, text };
  };

  try {
    for await (const raw of input as AsyncIterable<Buffer | string>) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
      counter.bytes += chunk.length;
      const items: SourceItem[] = [];
      let start = 0;
      for (;;) {
        const end = chunk.indexOf(NEWLINE, start);
        if (end === -1) {
          const rest = chunk.subarray(start);
          if (!tooLong && rest.length > 0) {
            pendingBytes += rest.length;
            if (pendingBytes > maxLineBytes) {
              tooLong = true;
              pending = [];
            } else {
              pending.push(rest);
            }
          }
          break;
        }
        items.push(finish(chunk.subarray(start, end)));
        start = end + 1;
      }
      if (items.length > 0) yield items;
    }
    if (tooLong || pendingBytes > 0) yield [finish(Buffer.alloc(0))];
  } finally {
    input.destroy();
  }
}
