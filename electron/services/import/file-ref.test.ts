import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { resolveFileRef } from './file-ref';
import { displayName, UploadStore } from './uploads';

let dir: string;
let uploads: UploadStore;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mb-file-ref-')));
  uploads = UploadStore.forDataDir(dir);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_input');
    return (err as AppError).message;
  }
  throw new Error('expected a refusal');
}

async function upload(name: string, content: string): Promise<string> {
  await uploads.ensureDir();
  const id = uploads.newId();
  fs.writeFileSync(uploads.paths(id).part, content);
  await uploads.complete(id, { name, size: content.length, uploadedAt: new Date().toISOString() });
  return id;
}

describe('resolveFileRef', () => {
  it('resolves a local path to its name and size', async () => {
    const file = path.join(dir, 'calls.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    expect(await resolveFileRef({ path: file }, uploads)).toEqual({ path: file, name: 'calls.csv', size: 8 });
  });

  it('refuses relative paths, missing files, folders and devices with a message naming the file', async () => {
    expect(await refusal(resolveFileRef({ path: 'calls.csv' }, uploads))).toMatch(/"calls.csv" is not a full path/);
    expect(await refusal(resolveFileRef({ path: path.join(dir, 'gone.csv') }, uploads))).toMatch(/gone\.csv" does not exist \(moved or deleted\?\)/);
    expect(await refusal(resolveFileRef({ path: dir }, uploads))).toMatch(/is a folder, not a file/);
    expect(await refusal(resolveFileRef({ path: '/dev/null' }, uploads))).toMatch(/is not a regular file/);
  });

  it('resolves an upload the bridge completed, with its original name', async () => {
    const id = await upload('October calls.csv', 'x,y\n');
    expect(await resolveFileRef({ uploadId: id }, uploads)).toEqual({ path: path.join(dir, 'uploads', id), name: 'October calls.csv', size: 4 });
  });

  it('only resolves uploads the bridge created: no metadata, still streaming, a link or an unknown id are refused', async () => {
    await uploads.ensureDir();
    fs.writeFileSync(path.join(dir, 'uploads', 'planted12345'), 'x\n');
    const streaming = uploads.newId();
    fs.writeFileSync(uploads.paths(streaming).part, 'x\n');
    fs.writeFileSync(uploads.paths(streaming).meta, '{"name":"a.csv"}');
    const linked = uploads.newId();
    fs.symlinkSync('/etc/hostname', uploads.paths(linked).file);
    fs.writeFileSync(uploads.paths(linked).meta, '{"name":"a.csv"}');
    for (const uploadId of ['planted12345', streaming, linked, 'unknown-upload-id']) {
      expect(await refusal(resolveFileRef({ uploadId }, uploads))).toMatch(/no longer available/);
    }
    expect(() => uploads.paths('../secret.key')).toThrow();
    expect(await uploads.find('../../etc/passwd')).toBeNull();
  });
});

describe('UploadStore', () => {
  it('deletes uploads older than 7 days and leftovers of interrupted ones, and nothing else', async () => {
    const fresh = await upload('fresh.csv', 'a\n');
    const old = await upload('old.csv', 'b\n');
    const stale = uploads.newId();
    fs.writeFileSync(uploads.paths(stale).part, 'c');
    fs.writeFileSync(path.join(dir, 'uploads', 'notes.txt'), 'not an upload');
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    for (const f of [uploads.paths(old).file, uploads.paths(old).meta, uploads.paths(stale).part, path.join(dir, 'uploads', 'notes.txt')]) {
      fs.utimesSync(f, eightDaysAgo, eightDaysAgo);
    }
    expect(await uploads.removeExpired(new Date())).toBe(3);
    expect(fs.readdirSync(path.join(dir, 'uploads')).sort()).toEqual([fresh, `${fresh}.json`, 'notes.txt'].sort());
    expect(await uploads.find(old)).toBeNull();
  });

  it('has nothing to do when nothing was ever uploaded', async () => {
    expect(await uploads.removeExpired(new Date())).toBe(0);
  });

  it('keeps only the bare file name of what the browser sends', () => {
    expect(displayName('C:\\Users\\ana\\Downloads\\calls.csv')).toBe('calls.csv');
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName(' oct\u0000ober.csv ')).toBe('october.csv');
    expect(displayName(null)).toBe('');
    expect(displayName('x'.repeat(300))).toHaveLength(255);
  });
});
