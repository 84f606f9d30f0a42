import type { DeltaRounds } from './delta.js';
import { DEFAULT_FOLDER_ID, type Mailbox } from './mailbox.js';
import { errorReply, json, noContent, type GraphCall, type Reply } from './reply.js';
import type { GraphEmulatorSettings } from './types.js';
import { checkContactBody } from './check-contact-body.js';

/** The contact routes the adapter uses (paths below `/v1.0`). */
export interface RouteContext {
  readonly mailbox: Mailbox;
  readonly rounds: DeltaRounds;
  readonly settings: GraphEmulatorSettings;
  readonly random: () => number;
  /** `http://127.0.0.1:{port}/v1.0`, for links. */
  readonly root: string;
}

const COLLECTION = /^\/me\/(?:contactFolders\/([^/]+)\/)?contacts$/i;
const DELTA = /^\/me\/(?:contactFolders\/([^/]+)\/)?contacts\/(?:microsoft\.graph\.)?delta$/i;
const ITEM = /^\/me\/(?:contactFolders\/[^/]+\/)?contacts\/([^/]+)$/i;
/** The one `$filter` form served: a string extended property equal to a value. */
const FILTER = /^singleValueExtendedProperties\/any\(\s*(\w+)\s*:\s*\1\/id eq '((?:[^']|'')*)' and \1\/value eq '((?:[^']|'')*)'\s*\)$/i;

const notFound = (): Reply => errorReply(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
const unquote = (s: string): string => s.replace(/''/g, "'");

function folderOk(folder: string | undefined): boolean {
  return folder === undefined || decodeURIComponent(folder) === DEFAULT_FOLDER_ID;
}

function selectOf(query: URLSearchParams): string[] | null {
  const select = query.get('$select');
  return select === null
    ? null
    : select
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

export function route(ctx: RouteContext, call: GraphCall): Reply {
  const { mailbox } = ctx;
  const delta = DELTA.exec(call.path);
  if (delta !== null) {
    if (call.method !== 'GET') return errorReply(405, 'ErrorInvalidRequest', 'Delta is a GET.');
    if (!folderOk(delta[1])) return notFound();
    return deltaPage(ctx, call, call.path.replace(/\/(?:microsoft\.graph\.)?delta$/i, ''));
  }
  const collection = COLLECTION.exec(call.path);
  if (collection !== null) {
    if (!folderOk(collection[1])) return notFound();
    if (call.method === 'GET') return list(ctx, call);
    if (call.method !== 'POST') return errorReply(405, 'ErrorInvalidRequest', 'Not allowed on a collection.');
    const checked = checkContactBody(call.body, ctx.settings.maxEmails, true);
    if (!checked.ok) return errorReply(400, checked.code, checked.message);
    return json(201, mailbox.render(mailbox.create(checked.props, checked.extended), null));
  }
  const item = ITEM.exec(call.path);
  if (item === null) return errorReply(400, 'BadRequest', `Unsupported segment ${call.path}`);
  const id = decodeURIComponent(item[1] ?? '');
  const current = mailbox.contacts.get(id);
  if (current === undefined) return notFound();
  const ifMatch = call.headers['if-match'];
  if (call.method !== 'GET' && ifMatch !== undefined && ifMatch !== '*' && ifMatch !== mailbox.etag(current)) {
    return errorReply(
      412,
      'ErrorIrresolvableConflict',
      'The change key passed in the request does not match the current change key of the item.',
    );
  }
  switch (call.method) {
    case 'GET':
      return json(200, mailbox.render(current, selectOf(call.query)));
    case 'PATCH': {
      const checked = checkContactBody(call.body, ctx.settings.maxEmails, false);
      if (!checked.ok) return errorReply(400, checked.code, checked.message);
      return json(200, mailbox.render(mailbox.patch(id, checked.props) ?? current, null));
    }
    case 'DELETE':
      mailbox.remove(id, 'deleted');
      return noContent();
    default:
      return errorReply(405, 'ErrorInvalidRequest', 'Not allowed on a contact.');
  }
}

function list(ctx: RouteContext, call: GraphCall): Reply {
  const filter = call.query.get('$filter');
  const select = selectOf(call.query);
  const all = [...ctx.mailbox.contacts.values()];
  if (filter === null) return json(200, { value: all.map((c) => ctx.mailbox.render(c, select)) });
  const match = FILTER.exec(filter.trim());
  if (match === null) return errorReply(400, 'ErrorInvalidUrlQueryFilter', 'This emulator serves only the extended-property $filter.');
  const propertyId = unquote(match[2] ?? '');
  const value = unquote(match[3] ?? '').toLowerCase();
  // The property id's name is compared case-sensitively, its value case-insensitively (Graph docs).
  const found = all.filter((c) => c.extended.get(propertyId)?.toLowerCase() === value);
  return json(200, { value: found.map((c) => ctx.mailbox.render(c, select)) });
}

function deltaPage(ctx: RouteContext, call: GraphCall, collection: string): Reply {
  const prefer = /odata\.maxpagesize=(\d+)/i.exec(call.headers['prefer'] ?? '');
  const pageSize = prefer?.[1] === undefined ? ctx.settings.maxPageSize : Number(prefer[1]);
  let skip = call.query.get('$skiptoken');
  if (skip === null) {
    const started = ctx.rounds.start(collection, selectOf(call.query), call.query.get('$deltatoken'), ctx.settings);
    if (started === 'gone' || started === 'syncStateNotFound' || started === 'syncStateInvalid')
      return tokenProblem(ctx, collection, started);
    skip = started;
  }
  const page = ctx.rounds.page(skip, pageSize, ctx.settings, ctx.random, ctx.root);
  if (page === 'gone' || page === 'syncStateNotFound' || page === 'syncStateInvalid') return tokenProblem(ctx, collection, page);
  return json(200, page, { 'Preference-Applied': `odata.maxpagesize=${Math.min(pageSize, ctx.settings.maxPageSize)}` });
}

function tokenProblem(ctx: RouteContext, collection: string, problem: 'gone' | 'syncStateNotFound' | 'syncStateInvalid'): Reply {
  if (problem === 'gone') {
    return errorReply(410, 'resyncRequired', 'The delta token has expired: start a new initial round.', {
      Location: `${ctx.root}${collection}/delta`,
    });
  }
  return errorReply(
    400,
    problem,
    problem === 'syncStateNotFound' ? 'The sync state generation is not found.' : 'The sync state is invalid.',
  );
}
