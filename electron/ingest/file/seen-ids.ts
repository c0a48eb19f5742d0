// Runs in main. The event ids seen so far in one file, each with the row it was first seen on, for
// in-file duplicate detection. Exact (ids are compared byte for byte, never by hash alone) and kept
// off the JS heap: the ids' UTF-8 bytes go into one growing Buffer and an open-addressing table of
// (hash, offset) pairs lives in a Uint32Array. About 8 + id-bytes per id in the arena plus 8-16 bytes
// of table, so 1 million 11-character ids take ~50 MB (after doubling slack) instead of ~60-70 MB of
// heap as a Map, and the garbage collector never has to walk them.

const EMPTY = 0;
const INITIAL_SLOTS = 1 << 12;
const INITIAL_ARENA = 1 << 16;
/** Offsets are stored as u32 (+1, 0 = empty slot): the arena stays below 4 GiB. */
const MAX_ARENA = 0xffff_fff0;

export class SeenIds {
  private arena = Buffer.allocUnsafe(INITIAL_ARENA);
  private used = 0;
  /** pairs [hash, offset + 1]; offset points at the entry: [row u32][byte length u32][bytes] */
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private mask = INITIAL_SLOTS - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The row `id` was first seen on; when it is new, records it on `row` and returns undefined. */
  firstSeen(id: string, row: number, record = true): number | undefined {
    this.reserve(8 + id.length * 3);
    const start = this.used + 8;
    const length = this.arena.write(id, start, 'utf8');
    const hash = hashBytes(this.arena, start, length);
    let i = hash & this.mask;
    for (;;) {
      const ref = this.slots[2 * i + 1]!;
      if (ref === EMPTY) break;
      if (this.slots[2 * i] === hash) {
        const at = ref - 1;
        if (this.arena.readUInt32LE(at + 4) === length && this.arena.compare(this.arena, start, start + length, at + 8, at + 8 + length) === 0) {
          return this.arena.readUInt32LE(at);
        }
      }
      i = (i + 1) & this.mask;
    }
    if (!record) return undefined;
    this.arena.writeUInt32LE(row >>> 0, this.used);
    this.arena.writeUInt32LE(length, this.used + 4);
    this.slots[2 * i] = hash;
    this.slots[2 * i + 1] = this.used + 1;
    this.used = start + length;
    this.count++;
    if (this.count * 4 > (this.mask + 1) * 3) this.growTable();
    return undefined;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.arena.length) return;
    let size = this.arena.length;
    while (this.used + bytes > size) size *= 2;
    if (size > MAX_ARENA) {
      size = MAX_ARENA;
      if (this.used + bytes > size) throw new RangeError('Too many event ids to track in one file.');
    }
    const next = Buffer.allocUnsafe(size);
    this.arena.copy(next, 0, 0, this.used);
    this.arena = next;
  }

  private growTable(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let j = 0; j < old.length; j += 2) {
      const ref = old[j + 1]!;
      if (ref === EMPTY) continue;
      const hash = old[j]!;
      let i = hash & this.mask;
      while (this.slots[2 * i + 1] !== EMPTY) i = (i + 1) & this.mask;
      this.slots[2 * i] = hash;
      this.slots[2 * i + 1] = ref;
    }
  }
}

/** FNV-1a over the bytes, then murmur3's finalizer so similar ids ("call_1", "call_2") spread across the table. */
function hashBytes(buf: Buffer, start: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = start, end = start + length; i < end; i++) {
    h ^= buf[i]!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
