import { describe, expect, it } from 'vitest';
import { createSenderCheck, originOf } from './sender-check';

describe('createSenderCheck (production origin app://meterbook)', () => {
  const trusted = createSenderCheck('app://meterbook');

  it.each(['app://meterbook/index.html', 'app://meterbook/', 'app://meterbook/index.html#/clients/3?tab=usage', 'APP://METERBOOK/index.html'])(
    'trusts %s',
    (url) => expect(trusted(url)).toBe(true),
  );

  it.each([
    'file:///index.html',
    'file:///C:/Program%20Files/Meterbook/resources/app.asar/out/renderer/index.html',
    'http://evil.example/',
    'https://meterbook/',
    'http://meterbook/index.html',
    'app://meterbook.evil.example/index.html',
    'app://evil.example/meterbook',
    'app://user:pass@meterbook/index.html',
    'app://meterbook:8080/index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abc/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(trusted(url)).toBe(false));

  it('refuses a missing frame', () => {
    expect(trusted(null)).toBe(false);
    expect(trusted(undefined)).toBe(false);
  });
});

describe('createSenderCheck (dev server origin)', () => {
  const trusted = createSenderCheck('http://localhost:5173');

  it('trusts pages of the dev server only', () => {
    expect(trusted('http://localhost:5173/')).toBe(true);
    expect(trusted('http://localhost:5173/index.html#/x')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
    expect(trusted('https://localhost:5173/')).toBe(false);
    expect(trusted('http://127.0.0.1:5173/')).toBe(false);
    expect(trusted('http://localhost:5173.evil.example/')).toBe(false);
    expect(trusted('app://meterbook/index.html')).toBe(false);
  });
});

describe('originOf', () => {
  it('builds scheme://host[:port] and refuses host-less or credentialed URLs', () => {
    expect(originOf('app://meterbook/index.html')).toBe('app://meterbook');
    expect(originOf('http://localhost:5173/a')).toBe('http://localhost:5173');
    expect(originOf('https://example.com:443/')).toBe('https://example.com');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('https://a:b@example.com/')).toBeNull();
    expect(originOf('::::')).toBeNull();
  });

  it('createSenderCheck refuses a malformed app origin at startup', () => {
    expect(() => createSenderCheck('file:///')).toThrow(/not an origin/);
  });
});
