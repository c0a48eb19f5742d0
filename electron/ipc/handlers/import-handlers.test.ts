import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempContext, type TempContext } from '../../../test/helpers/temp-context';

let ctx: TempContext | undefined;
afterEach(async () => ctx?.dispose());

describe('file imports by path', () => {
  it('are refused in browser mode (a page may only import what the user uploaded)', async () => {
    ctx = await openTempContext({ mode: 'browser' });
    const file = path.join(ctx.dataDir, 'usage.csv');
    fs.writeFileSync(file, 'id,client,metric,quantity,at\n1,a,sms,1,2026-10-01T00:00:00Z\n');
    const r = await ctx.dispatch('import.preview', { file: { path: file } });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'file' } });
  });

  it('are allowed for the CLI and Electron, which pass paths the user chose', async () => {
    ctx = await openTempContext({ mode: 'cli' });
    const file = path.join(ctx.dataDir, 'usage.csv');
    fs.writeFileSync(file, 'id,client,metric,quantity,at\n1,a,sms,1,2026-10-01T00:00:00Z\n');
    const r = await ctx.dispatch('import.preview', { file: { path: file } });
    expect(r.ok).toBe(true);
  });
});
