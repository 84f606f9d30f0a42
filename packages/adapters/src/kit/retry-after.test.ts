import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-after.js';

describe('retryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(retryAfterMs(new Headers({ 'Retry-After': '0' }))).toBe(0);
    expect(retryAfterMs(new Headers({ 'Retry-After': ' 120 ' }))).toBe(120_000);
  });

  it('measures an HTTP-date against the response Date, not against this machine', () => {
    const headers = new Headers({ 'Retry-After': 'Tue, 01 Jun 2010 12:02:00 GMT', Date: 'Tue, 01 Jun 2010 12:00:00 GMT' });
    expect(retryAfterMs(headers)).toBe(120_000);
    // A date already past by the server's clock means "now", never a negative wait.
    expect(retryAfterMs(new Headers({ 'Retry-After': 'Tue, 01 Jun 2010 11:00:00 GMT', Date: 'Tue, 01 Jun 2010 12:00:00 GMT' }))).toBe(0);
  });

  it('reads nothing else', () => {
    expect(retryAfterMs(new Headers({ 'Retry-After': 'Tue, 01 Jun 2010 12:02:00 GMT' }))).toBeNull();
    expect(retryAfterMs(new Headers({ 'Retry-After': 'soon' }))).toBeNull();
    expect(retryAfterMs(new Headers({ 'Retry-After': '-5' }))).toBeNull();
    expect(retryAfterMs(new Headers({ 'Retry-After': '1.5' }))).toBeNull();
    expect(retryAfterMs(new Headers())).toBeNull();
  });
});
