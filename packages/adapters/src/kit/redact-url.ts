/**
 * A URL fit for logs and journals: user info and the named query parameters' values replaced by
 * `redacted`. Credentials in headers (tokens, cookies) never reach the exchange record at all.
 */
export function redactUrl(url: string, secretQueryParams: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = 'redacted';
    parsed.password = '';
  }
  for (const name of secretQueryParams) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, 'redacted');
  return parsed.toString();
}
