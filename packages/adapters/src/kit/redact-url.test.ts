import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('replaces the named query parameters and user info, keeping the rest', () => {
    expect(redactUrl('http://u:p@h/v1/synchronize?format=xml&myrev=3&WSSID=s3cret&appid=a', ['WSSID'])).toBe(
      'http://redacted@h/v1/synchronize?format=xml&myrev=3&WSSID=redacted&appid=a',
    );
    expect(redactUrl('http://h/users/@L@00ff/rest/LiveContacts', ['WSSID'])).toBe('http://h/users/@L@00ff/rest/LiveContacts');
    expect(redactUrl('not a url', ['x'])).toBe('not a url');
  });
});
