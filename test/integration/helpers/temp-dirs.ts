// Test helper. Temporary folders (data folders, renderer folders), removed at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempDirs {
  make(prefix?: string): string;
  removeAll(): void;
}

export function createTempDirs(): TempDirs {
  const made: string[] = [];
  return {
    make(prefix = 'meterbook-test-') {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
      made.push(dir);
      return dir;
    },
    removeAll() {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
