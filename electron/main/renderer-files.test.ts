import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { createAppProtocolHandler, mimeType, resolveRendererFile } from './renderer-files';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'meterbook-renderer-'));
  root = path.join(base, 'out', 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Meterbook</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'a b.css'), 'body{}');
  await writeFile(path.join(base, 'secret.key'), 'TOP SECRET');
  await writeFile(path.join(base, 'out', 'outside.txt'), 'outside');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveRendererFile', () => {
  it('maps app://meterbook paths inside the root', () => {
    expect(resolveRendererFile(root, 'app://meterbook/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://meterbook/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://meterbook')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://meterbook/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveRendererFile(root, 'app://meterbook/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    'app://meterbook/../secret.key',
    'app://meterbook/%2e%2e/secret.key',
    'app://meterbook/..%2f..%2fsecret.key',
    'app://meterbook/..%2F..%2Fsecret.key',
    'app://meterbook/assets/..%2f..%2f..%2fsecret.key',
    'app://meterbook/..%5c..%5csecret.key',
    'app://meterbook/assets%5c..%5c..%5csecret.key',
    'app://meterbook/%2e%2e%2f%2e%2e%2fsecret.key',
    'app://meterbook/index.html%00.js',
    'app://meterbook/%E0%A4%A',
    'app://meterbook//etc/passwd',
    'app://other/index.html',
    'app://user@meterbook/index.html',
    'file:///etc/passwd',
    'https://meterbook/index.html',
  ])('refuses %s', (url) => {
    const file = resolveRendererFile(root, url);
    if (file !== null) {
      // a doubled slash is harmless only if it still lands inside the root
      expect(path.relative(root, file).startsWith('..')).toBe(false);
      expect(file.startsWith(root + path.sep)).toBe(true);
    } else {
      expect(file).toBeNull();
    }
  });

  it('knows the content types the renderer build uses', () => {
    expect(mimeType('a.js')).toMatch(/javascript/);
    expect(mimeType('a.HTML')).toMatch(/text\/html/);
    expect(mimeType('a.woff2')).toBe('font/woff2');
    expect(mimeType('a.unknown')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  const handler = () => createAppProtocolHandler({ root, contentSecurityPolicy: CONTENT_SECURITY_POLICY });

  it('serves files with their type and the CSP header', async () => {
    const res = await handler()(new Request('app://meterbook/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Meterbook</title>');

    const js = await handler()(new Request('app://meterbook/assets/index-abc.js'));
    expect(js.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
  });

  it('never serves a file outside the root', async () => {
    for (const url of ['app://meterbook/..%2fsecret.key', 'app://meterbook/..%2f..%2fsecret.key', 'app://meterbook/%2e%2e/outside.txt']) {
      const res = await handler()(new Request(url));
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('SECRET');
    }
  });

  it('falls back to index.html for client-side routes, 404 for missing assets', async () => {
    const route = await handler()(new Request('app://meterbook/clients/42'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Meterbook');
    expect((await handler()(new Request('app://meterbook/assets/missing.js'))).status).toBe(404);
    expect((await handler()(new Request('app://meterbook/assets'))).status).toBe(200);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handler()(new Request('app://meterbook/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler()(new Request('app://meterbook/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});
