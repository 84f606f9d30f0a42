import { jsonObject, optional, required, type JsonObject } from './common-control.js';
import type { ControlInput } from './control-routes.js';
import type { ForcedStatus, RequestMatch } from './request-faults.js';

/**
 * The JSON forms of request-faults.ts over HTTP: `fail-next {status, retryAfter?, count?, method?,
 * path?}` and `lose-next-response {count?, match: {method?, path?}}`.
 */

export function requestMatchOf(o: JsonObject): RequestMatch {
  const method = optional<string>(o, 'method', 'string');
  const path = optional<string>(o, 'path', 'string');
  return { ...(method === undefined ? {} : { method }), ...(path === undefined ? {} : { path }) };
}

export function forcedStatusOf(body: JsonObject): ForcedStatus {
  const retryAfter = optional<number>(body, 'retryAfter', 'number');
  const count = optional<number>(body, 'count', 'number');
  return {
    status: required<number>(body, 'status', 'number'),
    ...requestMatchOf(body),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(count === undefined ? {} : { count }),
  };
}

export const FORCED_STATUS_INPUT: ControlInput<ForcedStatus, RequestMatch> = {
  failRule: forcedStatusOf,
  match: (value) => (value === undefined ? undefined : requestMatchOf(jsonObject(value, 'match'))),
};
