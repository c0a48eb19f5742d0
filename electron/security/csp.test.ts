import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, HEADER_ONLY_DIRECTIVES, META_POLICY_DIRECTIVES } from './csp';

const directives = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();

describe('Content-Security-Policy', () => {
  it('the app:// header carries the same policy as the <meta> in renderer/index.html', () => {
    const html = readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'renderer/index.html has a CSP <meta>').not.toBeNull();
    expect(directives(meta![1]!)).toEqual([...META_POLICY_DIRECTIVES].sort());
    expect(directives(CONTENT_SECURITY_POLICY)).toEqual([...META_POLICY_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES].sort());
  });

  it('allows no inline or eval script and no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
