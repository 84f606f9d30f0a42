import { toDraft, type ContactDraft } from '@contactsync/core';
import { ControlInputError, jsonObject, optional, type JsonObject } from '../../kit/emulator/common-control.js';
import type { ControlAnswer, ControlInput } from '../../kit/emulator/control-routes.js';
import { controlPlane, type EmulatorService } from '../../kit/emulator/emulator-server.js';
import { FORCED_STATUS_INPUT, forcedStatusOf } from '../../kit/emulator/request-faults-input.js';
import {
  DEFAULT_SETTINGS,
  type ForcedResponse,
  type GraphEmulatorControl,
  type GraphEmulatorSettings,
  type RequestMatch,
} from './types.js';

/**
 * Graph's own control routes over HTTP, beside the common ones every emulator has
 * (kit/emulator/control-routes.ts). JSON, unauthenticated (loopback only): GET/POST contacts,
 * GET/PATCH/DELETE contacts/:id (PATCH `{ wire: {...} }` sets Graph properties, DELETE `{ reason }`),
 * POST expire-tokens `{ how }`, POST rotate-token, GET/PUT settings.
 */

const json = (status: number, body: unknown): ControlAnswer => ({ status, body });
const missing = (): ControlAnswer => json(404, { error: 'no such contact' });

const draft = (value: unknown): ContactDraft => toDraft(jsonObject(value, 'a contact'));

/** Only the parts present in the JSON, each filled to its complete form. */
function change(o: JsonObject): Partial<ContactDraft> {
  const filled = draft(o);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) if (key !== '__proto__' && Object.hasOwn(filled, key)) out[key] = filled[key as keyof ContactDraft];
  return out;
}

function settings(o: JsonObject): Partial<GraphEmulatorSettings> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof GraphEmulatorSettings)[]) {
    if (!Object.hasOwn(o, key)) continue;
    const v = o[key];
    const expected = DEFAULT_SETTINGS[key] === null ? 'number' : typeof DEFAULT_SETTINGS[key];
    if (v !== null && typeof v !== expected) throw new ControlInputError(`${key} must be a ${expected}`);
    out[key] = v;
  }
  return out;
}

/** `fail-next` takes the kit's `{status, retryAfter?, count?, method?, path?}` and Graph's `code?` (OData error code) and `inBatch?`. */
export const GRAPH_CONTROL_INPUT: ControlInput<ForcedResponse, RequestMatch> = {
  failRule(body) {
    const code = optional<string>(body, 'code', 'string');
    const inBatch = optional<boolean>(body, 'inBatch', 'boolean');
    return { ...forcedStatusOf(body), ...(code === undefined ? {} : { code }), ...(inBatch === undefined ? {} : { inBatch }) };
  },
  match: (value) => FORCED_STATUS_INPUT.match(value),
};

export function graphControlRoute(
  control: GraphEmulatorControl,
  method: string,
  path: readonly string[],
  body: JsonObject,
): ControlAnswer | undefined {
  const [resource = '', id = ''] = path;
  switch (`${method} ${resource}${path.length > 1 ? '/:id' : ''}`) {
    case 'GET contacts':
      return json(200, control.list());
    case 'POST contacts':
      return json(201, { remoteId: control.create(draft(body)) });
    case 'GET contacts/:id': {
      const entry = control.get(id);
      return entry === null ? missing() : json(200, { ...entry, wire: control.wire(id) });
    }
    case 'PATCH contacts/:id': {
      const wire = Object.hasOwn(body, 'wire') ? jsonObject(body['wire'], 'wire') : null;
      const ok = wire !== null ? control.patchWire(id, wire) : control.update(id, change(body));
      return ok ? json(204, undefined) : missing();
    }
    case 'DELETE contacts/:id': {
      const reason = optional<string>(body, 'reason', 'string');
      return control.remove(id, reason === 'changed' ? 'changed' : 'deleted') ? json(204, undefined) : missing();
    }
    case 'POST expire-tokens': {
      const how = optional<string>(body, 'how', 'string') ?? 'gone';
      if (how !== 'gone' && how !== 'syncStateNotFound' && how !== 'syncStateInvalid')
        throw new ControlInputError('how must be gone, syncStateNotFound or syncStateInvalid');
      control.expireTokens(how);
      return json(204, undefined);
    }
    case 'POST rotate-token':
      return json(200, { token: control.rotateToken() });
    case 'GET settings':
      return json(200, control.settings);
    case 'PUT settings':
      control.setSettings(settings(body));
      return json(200, control.settings);
    default:
      return undefined;
  }
}

/** Everything the scaffold needs of this control plane. */
export const graphControlPlane = (control: GraphEmulatorControl): Omit<EmulatorService<ForcedResponse, RequestMatch>, 'serve'> =>
  controlPlane(control, GRAPH_CONTROL_INPUT, graphControlRoute);
