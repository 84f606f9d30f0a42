import { toDraft, type ContactDraft, type ContactInput } from '@contactsync/core';
import type { EmulatorRequest, Reply } from './reply.js';
import { generateContacts } from '../../fixtures/generate-contacts.js';
import type { EmulatorControl, Quotas } from './types.js';

/**
 * The control plane over HTTP: JSON under `/_control/`, unauthenticated (the emulator listens on
 * loopback only). The routes are listed in PROTOCOLS-NOTES.md (Windows Live, "Control plane").
 */

class BadInput {
  constructor(readonly message: string) {}
}

function json(status: number, value: unknown): Reply {
  return { status, headers: { 'Content-Type': 'application/json' }, body: value === undefined ? '' : JSON.stringify(value) };
}

function record(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadInput(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

function optional<T>(o: Readonly<Record<string, unknown>>, key: string, type: 'string' | 'number' | 'boolean'): T | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== type) throw new BadInput(`${key} must be a ${type}`);
  return v as T;
}

function required<T>(o: Readonly<Record<string, unknown>>, key: string, type: 'string' | 'number' | 'boolean'): T {
  const v = optional<T>(o, key, type);
  if (v === undefined) throw new BadInput(`${key} is required`);
  return v;
}

/** A contact as JSON: any subset of a draft (core's `ContactInput`), missing parts empty. */
function draft(value: unknown): ContactDraft {
  return toDraft(record(value, 'a contact') as ContactInput);
}

/** Only the parts present in the JSON, each filled to its complete form (`name` stays partial). */
function draftChange(value: unknown): Partial<ContactDraft> {
  const o = record(value, 'a change');
  const filled = draft(o);
  const change: Record<string, unknown> = {};
  for (const key of Object.keys(o)) {
    if (key === 'name') change['name'] = Object.fromEntries(Object.entries(record(o['name'], 'name')).filter(([, v]) => typeof v === 'string'));
    else if (key in filled) change[key] = filled[key as keyof ContactDraft];
  }
  return change as Partial<ContactDraft>;
}

function drafts(value: unknown): ContactDraft[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new BadInput('contacts must be an array');
  return value.map(draft);
}

function match(o: Readonly<Record<string, unknown>>): { method?: string; path?: string } {
  const method = optional<string>(o, 'method', 'string');
  const path = optional<string>(o, 'path', 'string');
  return { ...(method === undefined ? {} : { method }), ...(path === undefined ? {} : { path }) };
}

function parseBody(request: EmulatorRequest): Readonly<Record<string, unknown>> {
  if (request.body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    throw new BadInput('the body is not JSON');
  }
  return record(parsed, 'the body');
}

function dispatch(control: EmulatorControl, request: EmulatorRequest): Reply {
  const [resource = '', id] = request.pathname.replace(/^\/_control\/?/, '').split('/').map(decodeURIComponent);
  const route = `${request.method} ${resource}${id === undefined ? '' : '/:id'}`;
  const body = parseBody(request);
  switch (route) {
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
    case 'POST reset':
      return json(200, { ids: control.reset(drafts(body['contacts'])) });
    case 'POST seed': {
      const count = optional<number>(body, 'count', 'number');
      const seed = optional<number>(body, 'seed', 'number');
      return json(200, { ids: control.seed(count === undefined ? drafts(body['contacts']) : generateContacts(count, seed)) });
    }
    case 'POST fail': {
      const retryAfter = optional<number>(body, 'retryAfter', 'number');
      const count = optional<number>(body, 'count', 'number');
      control.failNext({ status: required<number>(body, 'status', 'number'), ...match(body), ...(retryAfter === undefined ? {} : { retryAfter }), ...(count === undefined ? {} : { count }) });
      return json(204, undefined);
    }
    case 'POST drop': {
      const count = optional<number>(body, 'count', 'number');
      control.dropNext({ ...match(body), ...(count === undefined ? {} : { count }) });
      return json(204, undefined);
    }
    case 'POST latency':
      control.setLatency(required<number>(body, 'ms', 'number'));
      return json(204, undefined);
    case 'POST family-safety':
      control.setFamilySafety(required<boolean>(body, 'restricted', 'boolean'));
      return json(204, undefined);
    case 'POST tokens': {
      const readOnly = optional<boolean>(body, 'readOnly', 'boolean');
      const lid = optional<string>(body, 'lid', 'string');
      return json(201, { token: control.mintToken({ ...(readOnly === undefined ? {} : { readOnly }), ...(lid === undefined ? {} : { lid }) }) });
    }
    case 'DELETE tokens/:id':
      control.revokeToken(id ?? '');
      return json(204, undefined);
    case 'GET quotas':
      return json(200, control.quotas);
    case 'PUT quotas':
      control.setQuotas(body as Partial<Quotas>);
      return json(200, control.quotas);
    case 'GET log':
      return json(200, control.log());
    case 'DELETE log':
      control.clearLog();
      return json(204, undefined);
    case 'GET clock':
      return json(200, { now: control.now() });
    case 'POST clock': {
      const now = optional<number>(body, 'now', 'number');
      const advanceMs = optional<number>(body, 'advanceMs', 'number');
      if (now !== undefined) control.setTime(now);
      if (advanceMs !== undefined) control.advance(advanceMs);
      return json(200, { now: control.now() });
    }
    default:
      return json(404, { error: `no control route ${route}` });
  }
}

export function handleControl(control: EmulatorControl, request: EmulatorRequest): Reply {
  try {
    return dispatch(control, request);
  } catch (error) {
    if (error instanceof BadInput) return json(400, { error: error.message });
    throw error;
  }
}
