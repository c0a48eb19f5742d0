import { describe, expect, it } from 'vitest';
import { parseUploadAnswer, uploadUrl } from './upload';

describe('upload', () => {
  it('names the file in the query, encoded', () => {
    expect(uploadUrl('usage export (March).csv')).toBe('/api/upload?name=usage%20export%20(March).csv');
  });

  it('accepts the bridge answer and passes its errors through', () => {
    expect(parseUploadAnswer(200, JSON.stringify({ ok: true, data: { uploadId: 'abcDEF12', name: 'a.csv', size: 10 } }))).toEqual({
      ok: true,
      data: { uploadId: 'abcDEF12', name: 'a.csv', size: 10 },
    });
    const error = { code: 'invalid_input', message: 'The file is larger than 2 GB; split it into smaller files.' };
    expect(parseUploadAnswer(413, JSON.stringify({ ok: false, error }))).toEqual({ ok: false, error });
  });

  it('turns anything else into a lost-contact error', () => {
    const html = parseUploadAnswer(502, '<h1>Bad gateway</h1>');
    expect(!html.ok && html.error.message).toMatch(/^Lost contact with Meterbook \(HTTP 502, answer was not JSON\)/);
    const odd = parseUploadAnswer(200, JSON.stringify({ ok: true, data: { id: 1 } }));
    expect(!odd.ok && odd.error.code).toBe('internal');
  });
});
