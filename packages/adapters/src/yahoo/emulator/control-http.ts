import type { ContactDraft } from '@contactsync/core';
import { ControlInputError, type JsonObject } from '../../kit/emulator/common-control.js';
import type { ControlAnswer, ControlInput } from '../../kit/emulator/control-routes.js';
import type { EmulatorService } from '../../kit/emulator/emulator-server.js';
import type { YahooEmulatorControl } from './control.js';
import type { EventFault, RequestFault, RequestMatch } from './faults.js';

/**
 * Yahoo's own control routes over HTTP (`POST /_control/{action}` with a JSON body, `GET
 * /_control/{contacts|categories|rev}`), beside the common ones every emulator has
 * (kit/emulator/control-routes.ts). Answers 200 with JSON; bad input is the kit's 400.
 */
export function yahooControlRoute(
  control: YahooEmulatorControl,
  method: string,
  path: readonly string[],
  body: JsonObject,
): ControlAnswer | undefined {
  const action = path.join('/');
  const result = method === 'GET' ? read(control, action) : method === 'POST' ? write(control, action, body) : undefined;
  return result === undefined ? undefined : { status: 200, body: result };
}

/** Everything the scaffold needs of this control plane. */
export function yahooControlPlane(control: YahooEmulatorControl): Omit<EmulatorService<RequestFault, RequestMatch>, 'serve'> {
  return {
    control,
    controlInput: YAHOO_CONTROL_INPUT,
    controlRoute: (method, path, body) => yahooControlRoute(control, method, path, body),
  };
}

/** `fail-next {status, code?, retryAfter?, count?, userMessage?, debugMessage?, match?}`. */
export const YAHOO_CONTROL_INPUT: ControlInput<RequestFault, RequestMatch> = {
  failRule(body) {
    const status = num(body, 'status') ?? 500;
    if (status !== 403 && status !== 404 && status !== 500 && status !== 503)
      throw new BadControlCall('status must be 403, 404, 500 or 503');
    const m = match(body);
    return {
      status,
      ...optional('code', num(body, 'code')),
      ...optional('retryAfter', num(body, 'retryAfter')),
      ...optional('count', num(body, 'count')),
      ...message(body),
      ...(m === undefined ? {} : { match: m }),
    };
  },
  match: (value) => match({ match: value }),
};

const BadControlCall = ControlInputError;

type Body = JsonObject;

function asObject(value: unknown): Body {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new BadControlCall('the body must be a JSON object');
  return value as Body;
}

const get = (body: Body, key: string): unknown => (Object.hasOwn(body, key) ? body[key] : undefined);

function str(body: Body, key: string): string {
  const value = get(body, key);
  if (typeof value !== 'string') throw new BadControlCall(`${key} must be a string`);
  return value;
}

function num(body: Body, key: string): number | undefined {
  const value = get(body, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BadControlCall(`${key} must be a number`);
  return value;
}

function bool(body: Body, key: string, fallback: boolean): boolean {
  const value = get(body, key);
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new BadControlCall(`${key} must be a boolean`);
  return value;
}

function id(body: Body): string {
  const value = get(body, 'cid') ?? get(body, 'remoteId');
  if (typeof value !== 'string' && typeof value !== 'number') throw new BadControlCall('cid must be given');
  return String(value);
}

function match(body: Body): RequestMatch | undefined {
  const value = get(body, 'match');
  if (value === undefined) return undefined;
  const m = asObject(value);
  const method = get(m, 'method');
  const path = get(m, 'path');
  const format = get(m, 'format');
  return {
    ...(method === 'GET' || method === 'POST' ? { method } : {}),
    ...(typeof path === 'string' ? { path } : {}),
    ...(format === 'xml' || format === 'json' ? { format } : {}),
  };
}

function message(body: Body) {
  const userMessage = get(body, 'userMessage');
  const debugMessage = get(body, 'debugMessage');
  return { ...(typeof userMessage === 'string' ? { userMessage } : {}), ...(typeof debugMessage === 'string' ? { debugMessage } : {}) };
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: number });
}

/** The draft fields of a JSON object; missing parts are empty. Control input is trusted test data. */
function draft(value: unknown): ContactDraft {
  const d = asObject(value);
  const list = (key: string) => (Array.isArray(get(d, key)) ? (get(d, key) as unknown[]) : []);
  const text = (object: Body, key: string) => (typeof get(object, key) === 'string' ? (get(object, key) as string) : '');
  const name = asObject(get(d, 'name'));
  return {
    name: {
      given: text(name, 'given'),
      middle: text(name, 'middle'),
      family: text(name, 'family'),
      prefix: text(name, 'prefix'),
      suffix: text(name, 'suffix'),
    },
    nickname: text(d, 'nickname'),
    company: text(d, 'company'),
    jobTitle: text(d, 'jobTitle'),
    notes: text(d, 'notes'),
    birthday: text(d, 'birthday'),
    emails: list('emails')
      .map((e) => asObject(e))
      .map((e) => ({ type: (text(e, 'type') || 'personal') as ContactDraft['emails'][number]['type'], address: text(e, 'address') })),
    phones: list('phones')
      .map((p) => asObject(p))
      .map((p) => ({ type: (text(p, 'type') || 'mobile') as ContactDraft['phones'][number]['type'], number: text(p, 'number') })),
    addresses: list('addresses')
      .map((a) => asObject(a))
      .map((a) => ({
        type: (text(a, 'type') || 'home') as ContactDraft['addresses'][number]['type'],
        street: text(a, 'street'),
        city: text(a, 'city'),
        region: text(a, 'region'),
        postalCode: text(a, 'postalCode'),
        country: text(a, 'country'),
      })),
    categories: list('categories').filter((c): c is string => typeof c === 'string'),
  };
}

/** Only the parts of a change that are present are replaced. */
function partialDraft(value: unknown): Partial<ContactDraft> {
  const given = asObject(value);
  const full = draft(value);
  return Object.fromEntries(Object.entries(full).filter(([key]) => Object.hasOwn(given, key)));
}

function read(control: YahooEmulatorControl, action: string): unknown {
  switch (action) {
    case 'contacts':
      return control.listContacts();
    case 'categories':
      return control.categories();
    case 'rev':
      return { rev: control.rev() };
    default:
      return undefined;
  }
}

function write(control: YahooEmulatorControl, action: string, body: Body): unknown {
  switch (action) {
    case 'create':
      return { cid: control.createContact(draft(get(body, 'contact'))) };
    case 'update':
      control.updateContact(id(body), partialDraft(get(body, 'change')));
      return {};
    case 'remove':
      control.removeContact(id(body));
      return {};
    case 'add-category':
      return { catid: control.addCategory(str(body, 'name')) };
    case 'rename-category':
      control.renameCategory(str(body, 'from'), str(body, 'to'));
      return {};
    case 'remove-category':
      control.removeCategory(str(body, 'name'));
      return {};
    case 'before-next': {
      // Stage a race from another process: the edit runs just before the next matching request.
      const edit = asObject(get(body, 'edit'));
      const editAction = str(edit, 'action');
      control.beforeNext(match(body), () => void write(control, editAction, edit));
      return {};
    }
    case 'fail-events': {
      const code = num(body, 'code');
      if (code === undefined) throw new BadControlCall('code must be given');
      const eventType = get(body, 'eventType');
      const fault: EventFault = {
        code,
        ...optional('retryAfter', num(body, 'retryAfter')),
        ...optional('count', num(body, 'count')),
        ...optional('eventIndex', num(body, 'eventIndex')),
        ...message(body),
        ...(typeof eventType === 'string' ? { eventType } : {}),
      };
      control.failNextEvents(fault);
      return {};
    }
    case 'server-down':
      control.serverDown(optional('retryAfter', num(body, 'retryAfter')));
      return {};
    case 'server-up':
      control.serverUp();
      return {};
    case 'timeout':
      control.backendTimeout(
        bool(body, 'on', true) ? { commit: bool(body, 'commit', true), ...optional('retryAfter', num(body, 'retryAfter')) } : null,
      );
      return {};
    case 'read-only-app':
      control.setReadOnlyApp(bool(body, 'on', true));
      return {};
    case 'writes-disabled':
      control.setWritesDisabled(bool(body, 'on', true));
      return {};
    case 'omit-idle-category-table':
      control.omitIdleCategoryTable(bool(body, 'on', true));
      return {};
    case 'expire-cookie':
      control.expireCookie(bool(body, 'on', true));
      return {};
    case 'credential-errors': {
      const mode = get(body, 'mode');
      if (mode !== 'empty' && mode !== 'structured') throw new BadControlCall('mode must be empty or structured');
      control.setCredentialErrors(mode);
      return {};
    }
    case 'strict-duplicates':
      control.setStrictDuplicates(bool(body, 'on', true));
      return {};
    case 'forget-history':
      control.forgetHistory();
      return {};
    default:
      return undefined;
  }
}
