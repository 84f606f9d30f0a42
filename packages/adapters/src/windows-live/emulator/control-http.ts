import { toDraft, type ContactDraft } from '@contactsync/core';
import { jsonObject, optional, type JsonObject } from '../../kit/emulator/common-control.js';
import type { ControlAnswer, ControlInput } from '../../kit/emulator/control-routes.js';
import { controlPlane, type EmulatorService } from '../../kit/emulator/emulator-server.js';
import { FORCED_STATUS_INPUT } from '../../kit/emulator/request-faults-input.js';
import type { EmulatorControl, ForcedResponse, RequestMatch } from './types.js';

/**
 * Windows Live's own control routes over HTTP, beside the common ones every emulator has
 * (kit/emulator/control-routes.ts): contacts as a resource, tokens and quotas. JSON, unauthenticated
 * (the emulator listens on loopback only).
 */

const json = (status: number, body: unknown): ControlAnswer => ({ status, body });

/** A contact as JSON: any subset of a draft (core's `ContactInput`), missing parts empty. */
function draft(value: unknown): ContactDraft {
  return toDraft(jsonObject(value, 'a contact'));
}

/** Only the parts present in the JSON, each filled to its complete form (`name` stays partial). */
function draftChange(o: JsonObject): Partial<ContactDraft> {
  const filled = draft(o);
  const change: Record<string, unknown> = {};
  for (const key of Object.keys(o)) {
    if (key === 'name')
      change['name'] = Object.fromEntries(Object.entries(jsonObject(o['name'], 'name')).filter(([, v]) => typeof v === 'string'));
    else if (key in filled) change[key] = filled[key as keyof ContactDraft];
  }
  return change;
}

/** `fail-next {status, retryAfter?, count?, method?, path?}`; `lose-next-response {match: {method?, path?}}`. */
export const WL_CONTROL_INPUT: ControlInput<ForcedResponse, RequestMatch> = FORCED_STATUS_INPUT;

export function windowsLiveControlRoute(
  control: EmulatorControl,
  method: string,
  path: readonly string[],
  body: JsonObject,
): ControlAnswer | undefined {
  const [resource = '', id] = path;
  switch (`${method} ${resource}${id === undefined ? '' : '/:id'}`) {
    case 'GET contacts':
      return json(200, control.list());
    case 'POST contacts':
      return json(201, { remoteId: control.create(draft(body)) });
    case 'GET contacts/:id': {
      const entry = control.get(id ?? '');
      return entry === null ? json(404, { error: 'no such contact' }) : json(200, { ...entry, wire: control.wire(id ?? '') });
    }
    case 'PUT contacts/:id':
      return control.update(id ?? '', draftChange(body)) ? json(204, undefined) : json(404, { error: 'no such contact' });
    case 'DELETE contacts/:id':
      return control.remove(id ?? '') ? json(204, undefined) : json(404, { error: 'no such contact' });
    case 'POST tokens': {
      const readOnly = optional<boolean>(body, 'readOnly', 'boolean');
      const lid = optional<string>(body, 'lid', 'string');
      return json(201, {
        token: control.mintToken({ ...(readOnly === undefined ? {} : { readOnly }), ...(lid === undefined ? {} : { lid }) }),
      });
    }
    case 'DELETE tokens/:id':
      control.revokeToken(id ?? '');
      return json(204, undefined);
    case 'GET quotas':
      return json(200, control.quotas);
    case 'PUT quotas':
      control.setQuotas(body);
      return json(200, control.quotas);
    default:
      return undefined;
  }
}

/** Everything the scaffold needs of this control plane. */
export const windowsLiveControlPlane = (control: EmulatorControl): Omit<EmulatorService<ForcedResponse, RequestMatch>, 'serve'> =>
  controlPlane(control, WL_CONTROL_INPUT, windowsLiveControlRoute);
