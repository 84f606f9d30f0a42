/**
 * `Retry-After` (RFC 9110 §10.2.3) in milliseconds: delta-seconds, or an HTTP-date measured against
 * the response's own `Date` header. The server's two clocks are compared with each other, never with
 * ours: a device whose clock is off by minutes would otherwise wait far too long or retry too soon.
 * Null when the header is absent or unreadable, and for a date when the response has no `Date`
 * (nothing to measure it against).
 */
export function retryAfterMs(headers: Headers): number | null {
  const value = headers.get('Retry-After')?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  const now = Date.parse(headers.get('Date') ?? '');
  if (Number.isNaN(at) || Number.isNaN(now)) return null;
  return Math.max(0, at - now);
}
