import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcePath, resourcesDir } from './resources';

describe('resourcePath', () => {
  it("finds the repository's resources folder from the source tree", () => {
    expect(resourcesDir()).toBe(path.resolve(import.meta.dirname, '..', 'resources'));
    for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'LICENSE-DejaVu.txt']) expect(fs.existsSync(resourcePath('fonts', file))).toBe(true);
  });
});
