import { CODE, failure, type Failure } from './codes.js';
import type { EmulatorState } from './state.js';

/**
 * Checks `appid`, `WSSID` and the `Y` cookie (docs/yahoo.md §2.1). Returns null when they are good,
 * `'empty-403'` for the documented empty 403, or, with `credentialErrors: 'structured'`, the seed's
 * codes: -40101 nothing sent, -40102 appid or WSSID wrong (signature), -40103 cookie wrong,
 * -17005 cookie expired.
 */
export function checkCredentials(
  state: EmulatorState,
  query: URLSearchParams,
  cookieHeader: string | undefined,
): Failure | 'empty-403' | null {
  const expected = state.credentials;
  const appid = query.get('appid');
  const wssid = query.get('WSSID');
  const cookie = (cookieHeader ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith('Y='));
  let problem: Failure | null = null;
  if (appid === null || wssid === null || cookie === undefined) problem = failure(CODE.NO_CREDENTIALS, 'appid, WSSID or Y cookie missing');
  else if (appid !== expected.appid || wssid !== expected.wssid) problem = failure(CODE.SIGNATURE_FAILED, 'appid or WSSID does not match');
  else if (cookie !== expected.cookie) problem = failure(CODE.COOKIE_FAILED, 'Y cookie does not validate');
  else if (state.switches.cookieExpired) problem = failure(CODE.INVALID_COOKIE, 'Y cookie expired');
  if (problem === null) return null;
  return state.switches.credentialErrors === 'structured' ? problem : 'empty-403';
}
