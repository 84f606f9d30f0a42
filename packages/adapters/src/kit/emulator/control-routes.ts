import { toDraft, type ContactDraft, type ContactInput } from '@contactsync/core';
import { generateContacts } from '../../fixtures/generate-contacts.js';
import { ControlInputError, jsonObject, optional, required, type CommonControl, type JsonObject } from './common-control.js';

/**
 * The common control routes over HTTP, the same for every emulator (JSON in and out):
 * `POST seed {contacts?|count?, seed?}` -> `{ids}`, `POST reset {contacts?}` -> `{ids}`,
 * `POST fail-next {...rule}`, `POST lose-next-response {count?, match?}`, `POST latency {ms}`,
 * `POST lock {locked?}`, `POST clear-faults`, `GET log`, `POST clear-log`, `GET clock`,
 * `POST clock {now?, advanceMs?}` -> `{now}`. Anything else is the service's own route.
 */

export interface ControlInput<FailRule, Match> {
  /** A `fail-next` body as the service's rule. Throws ControlInputError for bad input. */
  failRule(body: JsonObject): FailRule;
  /** A `match` member as the service's request pattern. */
  match(value: unknown): Match | undefined;
}

export interface ControlAnswer {
  readonly status: number;
  /** undefined: no body. */
  readonly body: unknown;
}

const ok = (body: unknown = {}): ControlAnswer => ({ status: 200, body });

function drafts(value: unknown): ContactDraft[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ControlInputError('contacts must be an array');
  return value.map((c) => toDraft(jsonObject(c, 'a contact') as ContactInput));
}

/** The answer to a common route, or undefined when `method route` is not one. */
export function commonControlRoute<FailRule, Match>(
  control: CommonControl<FailRule, Match>,
  input: ControlInput<FailRule, Match>,
  method: string,
  route: string,
  body: JsonObject,
): ControlAnswer | undefined {
  switch (`${method} ${route}`) {
    case 'POST seed': {
      const count = optional<number>(body, 'count', 'number');
      const seed = optional<number>(body, 'seed', 'number');
      return ok({ ids: control.seed(count === undefined ? drafts(body['contacts']) : generateContacts(count, seed)) });
    }
    case 'POST reset':
      control.reset();
      return ok({ ids: control.seed(drafts(body['contacts'])) });
    case 'POST fail-next':
      control.failNext(input.failRule(body));
      return ok();
    case 'POST lose-next-response': {
      const count = optional<number>(body, 'count', 'number');
      const match = input.match(body['match']);
      control.loseNextResponse({ ...(count === undefined ? {} : { count }), ...(match === undefined ? {} : { match }) });
      return ok();
    }
    case 'POST latency':
      control.setLatency(required<number>(body, 'ms', 'number'));
      return ok();
    case 'POST lock':
      control.setLocked(optional<boolean>(body, 'locked', 'boolean') ?? true);
      return ok();
    case 'POST clear-faults':
      control.clearFaults();
      return ok();
    case 'GET log':
      return ok(control.log());
    case 'POST clear-log':
      control.clearLog();
      return ok();
    case 'GET clock':
      return ok({ now: control.now() });
    case 'POST clock': {
      const now = optional<number>(body, 'now', 'number');
      const advanceMs = optional<number>(body, 'advanceMs', 'number');
      if (now !== undefined) control.setTime(now);
      if (advanceMs !== undefined) control.advance(advanceMs);
      return ok({ now: control.now() });
    }
    default:
      return undefined;
  }
}
