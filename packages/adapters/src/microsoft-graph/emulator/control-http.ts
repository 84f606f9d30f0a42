import { toDraft, type ContactDraft } from '@contactsync/core';
import { generateContacts } from '../../fixtures/generate-contacts.js';
import { json, noContent, type Reply } from './reply.js';
import { DEFAULT_SETTINGS, type GraphEmulatorControl, type GraphEmulatorSettings } from './types.js';

/**
 * The control plane over HTTP: JSON under `/_control/`, unauthenticated (loopback only). Routes:
 * GET/POST contacts, GET/PATCH/DELETE contacts/:id (PATCH `{ wire: {...} }` sets Graph properties),
 * POST reset | seed ({ contacts } or { count, seed }) | fail | drop | latency | lock | expire-tokens |
 * rotate-token, GET/PUT settings, GET/DELETE log, GET/POST clock, POST clear-faults.
 */

class BadInput extends Error {}

type Obj = Readonly<Record<string, unknown>>;

function record(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadInput(`${what} must be a JSON object`);
  return value as Obj;
}

function opt<T>(o: Obj, key: string, type: 'string' | 'number' | 'boolean'): T | undefined {
  const v = Object.hasOwn(o, key) ? o[key] : undefined;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== type) throw new BadInput(`${key} must be a ${type}`);
  return v as T;
}

function req<T>(o: Obj, key: string, type: 'string' | 'number' | 'boolean'): T {
  const v = opt<T>(o, key, type);
  if (v === undefined) throw new BadInput(`${key} is required`);
  return v;
}

const draft = (value: unknown): ContactDraft => toDraft(record(value, 'a contact'));

function drafts(value: unknown): ContactDraft[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new BadInput('contacts must be an array');
  return value.map(draft);
}

function change(value: unknown): Partial<ContactDraft> {
  const o = record(value, 'a change');
  const filled = draft(o);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) if (key !== '__proto__' && Object.hasOwn(filled, key)) out[key] = filled[key as keyof ContactDraft];
  return out;
}

function settings(o: Obj): Partial<GraphEmulatorSettings> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof GraphEmulatorSettings)[]) {
    if (!Object.hasOwn(o, key)) continue;
    const v = o[key];
    const expected = DEFAULT_SETTINGS[key] === null ? 'number' : typeof DEFAULT_SETTINGS[key];
    if (v !== null && typeof v !== expected) throw new BadInput(`${key} must be a ${expected}`);
    out[key] = v;
  }
  return out;
}

function dispatch(control: GraphEmulatorControl, method: string, pathname: string, text: string): Reply {
  const [resource = '', rawId] = pathname.replace(/^\/_control\/?/, '').split('/');
  const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
  let body: Obj = {};
  if (text.trim() !== '') {
    try {
      body = record(JSON.parse(text) as unknown, 'the body');
    } catch (error) {
      throw error instanceof BadInput ? error : new BadInput('the body is not JSON');
    }
  }
  const missing = (): Reply => json(404, { error: 'no such contact' });
  switch (`${method} ${resource}${id === undefined ? '' : '/:id'}`) {
    case 'GET contacts':
      return json(200, control.list());
    case 'POST contacts':
      return json(201, { remoteId: control.create(draft(body)) });
    case 'GET contacts/:id': {
      const entry = control.get(id ?? '');
      return entry === null ? missing() : json(200, { ...entry, wire: control.wire(id ?? '') });
    }
    case 'PATCH contacts/:id': {
      const wire = Object.hasOwn(body, 'wire') ? record(body['wire'], 'wire') : null;
      const ok = wire !== null ? control.patchWire(id ?? '', wire) : control.update(id ?? '', change(body));
      return ok ? noContent() : missing();
    }
    case 'DELETE contacts/:id': {
      const reason = opt<string>(body, 'reason', 'string');
      return control.remove(id ?? '', reason === 'changed' ? 'changed' : 'deleted') ? noContent() : missing();
    }
    case 'POST reset':
      return json(200, { ids: control.reset(drafts(body['contacts'])) });
    case 'POST seed': {
      const count = opt<number>(body, 'count', 'number');
      return json(200, {
        ids: control.seed(count === undefined ? drafts(body['contacts']) : generateContacts(count, opt<number>(body, 'seed', 'number'))),
      });
    }
    case 'POST fail': {
      const rule: Record<string, unknown> = { status: req<number>(body, 'status', 'number') };
      for (const [key, type] of [
        ['count', 'number'],
        ['retryAfter', 'number'],
        ['code', 'string'],
        ['method', 'string'],
        ['path', 'string'],
        ['inBatch', 'boolean'],
      ] as const) {
        const v = opt(body, key, type);
        if (v !== undefined) rule[key] = v;
      }
      control.failNext(rule as unknown as Parameters<GraphEmulatorControl['failNext']>[0]);
      return noContent();
    }
    case 'POST drop': {
      const rule: Record<string, unknown> = {};
      for (const [key, type] of [
        ['count', 'number'],
        ['method', 'string'],
        ['path', 'string'],
      ] as const) {
        const v = opt(body, key, type);
        if (v !== undefined) rule[key] = v;
      }
      control.dropNext(rule);
      return noContent();
    }
    case 'POST clear-faults':
      control.clearFaults();
      return noContent();
    case 'POST latency':
      control.setLatency(req<number>(body, 'ms', 'number'));
      return noContent();
    case 'POST lock':
      control.setLocked(req<boolean>(body, 'locked', 'boolean'));
      return noContent();
    case 'POST expire-tokens': {
      const how = opt<string>(body, 'how', 'string') ?? 'gone';
      if (how !== 'gone' && how !== 'syncStateNotFound' && how !== 'syncStateInvalid')
        throw new BadInput('how must be gone, syncStateNotFound or syncStateInvalid');
      control.expireTokens(how);
      return noContent();
    }
    case 'POST rotate-token':
      return json(200, { token: control.rotateToken() });
    case 'GET settings':
      return json(200, control.settings);
    case 'PUT settings':
      control.setSettings(settings(body));
      return json(200, control.settings);
    case 'GET log':
      return json(200, control.log());
    case 'DELETE log':
      control.clearLog();
      return noContent();
    case 'GET clock':
      return json(200, { now: control.now() });
    case 'POST clock': {
      const now = opt<number>(body, 'now', 'number');
      const advanceMs = opt<number>(body, 'advanceMs', 'number');
      if (now !== undefined) control.setTime(now);
      if (advanceMs !== undefined) control.advance(advanceMs);
      return json(200, { now: control.now() });
    }
    default:
      return json(404, { error: `no control route ${method} ${pathname}` });
  }
}

export function handleControl(control: GraphEmulatorControl, method: string, pathname: string, text: string): Reply {
  try {
    return dispatch(control, method, pathname, text);
  } catch (error) {
    if (error instanceof BadInput) return json(400, { error: error.message });
    throw error;
  }
}
