import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT } from '../model/draft.js';
import type { RemoteContact } from '../service/remote-contact.js';
import {
  transition,
  type ContactEvent,
  type ContactEventType,
  type ContactPosition,
  type ContactTransition,
} from './contact-transitions.js';
import type { OutboxEntry } from './schema.js';

const draft = { ...EMPTY_DRAFT, name: { ...EMPTY_DRAFT.name, given: 'Ann' } };
const base: RemoteContact = { remoteId: 'r1', version: 'v1', contact: draft };
const record: RemoteContact = { remoteId: 'r1', version: 'v2', contact: { ...draft, notes: 'theirs' } };
const claim = { owner: 'me', until: 100 };
const rejection = { code: 'too-long', userMessage: 'The notes are too long.' };
const entry = (e: Omit<OutboxEntry, 'contactId' | 'enqueuedAt'>): OutboxEntry => ({ contactId: 'c1', enqueuedAt: 1, ...e });

/** One position for each combination of row badge and outbox entry a contact can be in. */
const POSITIONS = {
  absent: { state: 'absent', entry: undefined },
  deleting: { state: 'absent', entry: entry({ kind: 'delete', base, seq: 2, status: 'ready' }) },
  'deleting-unconfirmed': { state: 'absent', entry: entry({ kind: 'delete', base: null, seq: 2, status: 'ambiguous', sent: draft }) },
  synced: { state: 'synced', entry: undefined },
  new: { state: 'pending', entry: entry({ kind: 'create', base: null, seq: 1, status: 'ready' }) },
  recreated: { state: 'pending', entry: entry({ kind: 'create', base: null, seq: 3, status: 'ready', origin: base }) },
  edited: { state: 'pending', entry: entry({ kind: 'update', base, seq: 1, status: 'ready' }) },
  unconfirmed: { state: 'pending', entry: entry({ kind: 'create', base: null, seq: 1, status: 'ambiguous', sent: draft, claim }) },
  conflict: { state: 'conflict', entry: entry({ kind: 'update', base, seq: 4, status: 'conflict' }) },
  rejected: { state: 'rejected', entry: entry({ kind: 'update', base, seq: 2, status: 'rejected', rejection }) },
} as const satisfies Record<string, Omit<ContactPosition, 'contactId'>>;
type PositionName = keyof typeof POSITIONS;

const seqOf = (p: Omit<ContactPosition, 'contactId'>) => p.entry?.seq ?? 0;
const remoteBase = (p: Omit<ContactPosition, 'contactId'>) => (p.state === 'absent' ? null : base);

/** Every event, as each position would meet it (a push answers the `seq` it claimed). */
const EVENTS = {
  edited: (p) => ({ type: 'edited', at: 9, base: remoteBase(p) }),
  removed: (p) => ({ type: 'removed', at: 9, base: remoteBase(p) }),
  claimed: () => ({ type: 'claimed', claim }),
  'claimed (create)': () => ({ type: 'claimed', claim, sent: draft }),
  released: () => ({ type: 'released', owner: 'me' }),
  unsent: () => ({ type: 'unsent' }),
  accepted: (p) => ({ type: 'accepted', sentSeq: seqOf(p), record, at: 9 }),
  'accepted (no record)': (p) => ({ type: 'accepted', sentSeq: seqOf(p), record: undefined, at: 9 }),
  'accepted (edited meanwhile)': (p) => ({ type: 'accepted', sentSeq: seqOf(p) - 1, record, at: 9 }),
  rejected: (p) => ({ type: 'rejected', sentSeq: seqOf(p), rejection }),
  'rejected (edited meanwhile)': (p) => ({ type: 'rejected', sentSeq: seqOf(p) - 1, rejection }),
  'merged (settled)': () => ({ type: 'merged', record, verdict: { kind: 'settled' } }),
  'merged (resubmit)': () => ({ type: 'merged', record, verdict: { kind: 'resubmit' } }),
  'merged (refused)': () => ({ type: 'merged', record, verdict: { kind: 'refused', rejection } }),
  conflict: () => ({ type: 'conflict' }),
  gone: () => ({ type: 'gone' }),
  'remote-upsert': () => ({ type: 'remote-upsert' }),
  adopted: () => ({ type: 'adopted', record }),
  rejoined: () => ({ type: 'rejoined' }),
  retried: () => ({ type: 'retried' }),
  discarded: () => ({ type: 'discarded' }),
} as const satisfies Record<string, (p: Omit<ContactPosition, 'contactId'>) => ContactEvent>;
type EventName = keyof typeof EVENTS;

// A compile error here names an event type the table leaves out.
type Untested = Exclude<ContactEventType, ReturnType<(typeof EVENTS)[EventName]>['type']>;
const everyEventTested: [Untested] extends [never] ? true : Untested = true;

/**
 * The machine, cell by cell: `<next badge> <outbox effect>`, the effect being `keep`, `drop` or the
 * entry written (`kind/status`); `-` the event is refused and nothing changes. docs/engine-port.md
 * describes the same table in words.
 */
const COLUMNS: readonly PositionName[] = [
  'absent',
  'deleting',
  'deleting-unconfirmed',
  'synced',
  'new',
  'recreated',
  'edited',
  'unconfirmed',
  'conflict',
  'rejected',
];
// prettier-ignore
const TABLE: Record<EventName, readonly string[]> = {
  //                            absent                 deleting                deleting-unconfirmed     synced                 new                     recreated               edited                  unconfirmed               conflict                  rejected
  edited:                      ['pending create/ready', '-',                   '-',                     'pending update/ready', 'pending create/ready', 'pending create/ready', 'pending update/ready', 'pending create/ambiguous', 'pending update/ready',   'pending update/ready'],
  removed:                     ['-',                   '-',                    '-',                     'absent delete/ready', 'absent drop',          'absent drop',          'absent delete/ready',  'absent delete/ambiguous', 'absent delete/ready',    'absent delete/ready'],
  claimed:                     ['-',                   'absent delete/ready',  '-',                     '-',                   'pending create/ready', 'pending create/ready', 'pending update/ready', '-',                       'conflict update/conflict', '-'],
  'claimed (create)':          ['-',                   'absent delete/ambiguous', '-',                  '-',                   'pending create/ambiguous', 'pending create/ambiguous', 'pending update/ambiguous', '-',           'conflict update/ambiguous', '-'],
  released:                    ['-',                   'absent keep',          'absent keep',           '-',                   'pending keep',         'pending keep',         'pending keep',         'pending create/ambiguous', 'conflict keep',          'rejected keep'],
  unsent:                      ['-',                   '-',                    'absent drop',           '-',                   '-',                    '-',                    '-',                    'pending create/ready',    '-',                      '-'],
  accepted:                    ['absent delete/ready', 'absent drop',          'absent drop',           'synced keep',         'synced drop',          'synced drop',          'synced drop',          'synced drop',             'synced drop',            'synced drop'],
  'accepted (no record)':      ['absent keep',         'absent drop',          'absent drop',           'synced keep',         'pending drop',         'pending drop',         'pending drop',         'pending drop',            'conflict drop',          'rejected drop'],
  'accepted (edited meanwhile)': ['absent delete/ready', 'absent delete/ready', 'absent delete/ready',  'synced keep',         'pending update/ready', 'pending update/ready', 'pending update/ready', 'pending update/ready',    'pending update/ready',   'pending update/ready'],
  rejected:                    ['-',                   'absent delete/rejected', 'absent delete/rejected', '-',                'rejected create/rejected', 'rejected create/rejected', 'rejected update/rejected', 'rejected create/rejected', 'rejected update/rejected', 'rejected update/rejected'],
  'rejected (edited meanwhile)': ['-',                 'absent keep',          'absent keep',           '-',                   'pending keep',         'pending keep',         'pending keep',         'pending keep',            'conflict keep',          'rejected keep'],
  'merged (settled)':          ['-',                   '-',                    '-',                     '-',                   'synced drop',          'synced drop',          'synced drop',          'synced drop',             'synced drop',            'synced drop'],
  'merged (resubmit)':         ['-',                   '-',                    '-',                     '-',                   'pending create/ready', 'pending create/ready', 'pending update/ready', 'pending create/ambiguous', 'pending update/conflict', 'pending update/ready'],
  'merged (refused)':          ['-',                   '-',                    '-',                     '-',                   'rejected create/rejected', 'rejected create/rejected', 'rejected update/rejected', 'rejected create/rejected', 'rejected update/rejected', 'rejected update/rejected'],
  conflict:                    ['-',                   'absent delete/conflict', '-',                   '-',                   'conflict create/conflict', 'conflict create/conflict', 'conflict update/conflict', '-',               'conflict update/conflict', '-'],
  gone:                        ['-',                   'absent drop',          'absent drop',           'absent keep',         'pending create/ready', 'pending create/ready', 'pending create/ready', 'pending create/ready',    'pending create/ready',   'pending create/ready'],
  'remote-upsert':             ['synced keep',         'synced drop',          'synced drop',           'synced keep',         '-',                    '-',                    '-',                    '-',                       '-',                      '-'],
  adopted:                     ['-',                   '-',                    'absent delete/ready',   '-',                   '-',                    '-',                    '-',                    'pending update/ready',    '-',                      '-'],
  rejoined:                    ['-',                   '-',                    '-',                     '-',                   '-',                    'pending update/ready', '-',                    '-',                       '-',                      '-'],
  retried:                     ['-',                   'absent delete/ready',  'absent delete/ready',   '-',                   'pending create/ready', 'pending create/ready', 'pending update/ready', 'pending create/ready',    'pending update/ready',   'pending update/ready'],
  discarded:                   ['-',                   'synced drop',          'absent drop',           '-',                   'absent drop',          'absent drop',          'synced drop',          'absent drop',             'synced drop',            'synced drop'],
};

function cell(t: ContactTransition): string {
  if (!t.ok) return '-';
  const effect = t.outbox.kind === 'put' ? `${t.outbox.entry.kind}/${t.outbox.entry.status}` : t.outbox.kind;
  return `${t.state} ${effect}`;
}

function put(t: ContactTransition): OutboxEntry | undefined {
  return t.ok && t.outbox.kind === 'put' ? t.outbox.entry : undefined;
}

function run(position: PositionName, event: EventName): ContactTransition {
  const p = POSITIONS[position];
  return transition({ contactId: 'c1', ...p }, EVENTS[event](p));
}

describe('contact transitions', () => {
  it('tests every event type', () => {
    expect(everyEventTested).toBe(true);
  });

  for (const event of Object.keys(EVENTS) as EventName[]) {
    it(`${event}: from every position`, () => {
      const row = TABLE[event];
      expect(row).toHaveLength(COLUMNS.length);
      expect(Object.fromEntries(COLUMNS.map((p) => [p, cell(run(p, event))]))).toEqual(
        Object.fromEntries(COLUMNS.map((p, i) => [p, row[i]])),
      );
    });
  }

  it('an edit raises seq, clears a refusal and keeps the merge base; a new contact gets a create entry', () => {
    expect(put(run('rejected', 'edited'))).toEqual({ ...POSITIONS.rejected.entry, seq: 3, status: 'ready', rejection: undefined });
    expect(put(run('synced', 'edited'))).toEqual({ contactId: 'c1', kind: 'update', base, seq: 1, status: 'ready', enqueuedAt: 9 });
  });

  it('a claimed create carries what was sent; found unsent, it loses that and its claim', () => {
    expect(put(run('new', 'claimed (create)'))).toMatchObject({ status: 'ambiguous', sent: draft, claim });
    const unsent = put(run('unconfirmed', 'unsent'));
    expect(unsent).not.toHaveProperty('sent');
    expect(unsent).not.toHaveProperty('claim');
  });

  it('accepted while edited: the edit is sent next against the new record; a lost create adopted merges against what was sent', () => {
    expect(put(run('recreated', 'accepted (edited meanwhile)'))).toEqual({
      ...POSITIONS.recreated.entry,
      origin: undefined,
      kind: 'update',
      base: record,
    });
    expect(put(run('unconfirmed', 'adopted'))).toMatchObject({ kind: 'update', base: { ...record, contact: draft } });
  });

  it('gone after an edit re-creates, remembering the deleted record, and says so in the inbox', () => {
    const t = run('edited', 'gone');
    expect(put(t)).toMatchObject({ kind: 'create', base: null, seq: 2, origin: base });
    expect(t.ok && t.note).toMatchObject({ kind: 'recreated', fields: [] });
    expect(put(run('recreated', 'rejoined'))).toEqual({ ...POSITIONS.recreated.entry, origin: undefined, kind: 'update', base, seq: 4 });
  });

  it('leaves inbox records for delete-undone and the resubmit cap, not otherwise', () => {
    const notes = (event: EventName) => COLUMNS.map((p) => run(p, event)).flatMap((t) => (t.ok && t.note ? [t.note.kind] : []));
    expect(notes('remote-upsert')).toEqual(['delete-undone', 'delete-undone']);
    expect(new Set(notes('conflict'))).toEqual(new Set(['unresolved']));
    for (const event of ['edited', 'accepted', 'merged (refused)', 'rejected', 'discarded'] as const) expect(notes(event)).toEqual([]);
  });

  it('a refused merge keeps the refusal on the entry; a resubmitted one clears it', () => {
    expect(put(run('edited', 'merged (refused)'))).toMatchObject({ base: record, seq: 2, rejection });
    expect(put(run('rejected', 'merged (resubmit)'))).not.toHaveProperty('rejection');
  });

  it('refuses with a reason, never silently', () => {
    const t = run('synced', 'merged (resubmit)');
    expect(t).toEqual({ ok: false, reason: expect.stringMatching(/\w/) as unknown });
  });
});
