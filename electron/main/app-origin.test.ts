import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, rendererLocation } from './app-origin';

describe('rendererLocation', () => {
  it('serves app://meterbook in a packaged app, whatever the environment says', () => {
    expect(rendererLocation({ isPackaged: true, devServerUrl: 'http://localhost:5173' })).toEqual({ entryUrl: APP_ENTRY_URL, origin: APP_ORIGIN, dev: false });
    expect(rendererLocation({ isPackaged: false, devServerUrl: undefined })).toEqual({ entryUrl: APP_ENTRY_URL, origin: APP_ORIGIN, dev: false });
  });

  it('uses a loopback dev server when unpackaged', () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      entryUrl: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
      dev: true,
    });
  });

  it('ignores a non-loopback or non-http dev URL', () => {
    for (const url of ['https://evil.example', 'file:///tmp/index.html', 'http://192.168.1.5:5173']) {
      expect(rendererLocation({ isPackaged: false, devServerUrl: url }).origin).toBe(APP_ORIGIN);
    }
  });
});
