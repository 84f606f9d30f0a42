import { afterEach, describe, expect, it } from 'vitest';
import { toDraft } from '@contactsync/core';
import type { FieldChange, RequestEvent, WireField } from '../wire.js';
import { call, FORMATS, fidOf, syncOf, type Format } from './emulator-test-kit.js';
import { startYahooEmulator, type YahooEmulator, type YahooEmulatorOptions } from './server.js';

/**
 * Every nested (per-event) rule of docs/yahoo.md §2.5 triggered over HTTP, in both formats: the
 * event fails with its code and changes nothing, and the request's other events still apply.
 */
const field = (type: WireField['type'], data: string, flags: WireField['flags'] = []): WireField => ({ type, flags, data });
const add = (f: WireField): FieldChange => ({ op: 'add', field: f });
const name = (first: string): FieldChange => add({ type: 'name', flags: [], parts: { first } });
const addContact = (...fields: FieldChange[]): RequestEvent => ({ type: 'add-contact', fields, categories: [] });
const GUID = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const OTHER_GUID = 'ZYXWVUTSRQPONMLKJIHGFEDCBA';

type Body = readonly RequestEvent[] | { readonly xml: string; readonly json: string };
interface Case {
  readonly code: number;
  readonly rule: string;
  readonly options?: Omit<YahooEmulatorOptions, 'port'>;
  readonly formats?: readonly Format[];
  /** Prepares the book; returns values the request needs (cids, fids, a myrev). */
  readonly setup?: (emu: YahooEmulator) => Promise<Record<string, number>>;
  readonly body: (ctx: Record<string, number>) => Body;
  readonly myrev?: (ctx: Record<string, number>) => number;
  /** A second, valid event that must still apply (default: add the category StillApplied). */
  readonly still?: RequestEvent;
}

const STILL_APPLIED: RequestEvent = { type: 'add-category', name: 'StillApplied' };
const created = async (emu: YahooEmulator, draft: Parameters<typeof toDraft>[0]) => Number(emu.control.createContact(toDraft(draft)));
/** A contact created through the API (the control plane has no guid field). */
async function createdWith(emu: YahooEmulator, ...fields: FieldChange[]): Promise<number> {
  const response = syncOf(await call(emu, 'json', { body: [addContact(...fields)], query: { nodiffs: '1' } }));
  const result = response.results[0];
  if (result?.type !== 'success' || result.cid === undefined) throw new Error(JSON.stringify(result));
  return result.cid;
}

const CASES: readonly Case[] = [
  {
    code: 80040,
    rule: 'an event the server does not know',
    body: () => ({
      xml: '<sync-request><add-group>x</add-group><add-category>StillApplied</add-category></sync-request>',
      json: '{"type":"sync_request","events":[{"type":"add_group"},{"type":"add_category","data":"StillApplied"}]}',
    }),
  },
  {
    code: -40009,
    rule: 'a field with more than two flags',
    body: () => [addContact(name('A'), add(field('phone', '1', ['home', 'work', 'mobile'])))],
  },
  {
    code: -40012,
    rule: 'update-email aimed at a phone field',
    setup: async (emu) => {
      const cid = await created(emu, { name: { given: 'A' }, phones: [{ number: '1' }] });
      return { cid, fid: await fidOf(emu, cid, 'phone') };
    },
    body: (c) => [
      {
        type: 'update-contact',
        cid: c['cid'] ?? 0,
        fields: [{ op: 'update', fid: c['fid'] ?? 0, field: field('email', 'a@b.c') }],
        categories: [],
      },
    ],
  },
  { code: -40014, rule: 'an empty value', body: () => [addContact(name('A'), add(field('nickname', '   ')))] },
  { code: -40014, rule: 'a value over 1,024 characters', body: () => [addContact(name('A'), add(field('notes', 'x'.repeat(1025))))] },
  {
    code: -40014,
    rule: 'a control character (JSON can carry it; XML cannot)',
    formats: ['json'],
    body: () => [addContact(name('A'), add(field('notes', 'bell\u0007')))],
  },
  { code: -40015, rule: 'a custom field without a title', body: () => [addContact(name('A'), add(field('custom', 'v')))] },
  { code: -40020, rule: 'a category name with a space', body: () => [{ type: 'add-category', name: 'Best Friends' }] },
  {
    code: -40021,
    rule: 'a contact with no fields',
    body: () => [{ type: 'add-contact', fields: [], categories: [{ op: 'add', ref: { name: 'Friends' } }] }],
  },
  {
    code: -40022,
    rule: 'update-contact without a cid',
    body: () => ({
      xml: '<sync-request><update-contact><add-nickname>x</add-nickname></update-contact><add-category>StillApplied</add-category></sync-request>',
      json: '{"type":"sync_request","events":[{"type":"update_contact","fields":[{"type":"add_nickname","data":"x"}]},{"type":"add_category","data":"StillApplied"}]}',
    }),
  },
  {
    code: -40022,
    rule: 'remove-contact with a cid that is not a number',
    body: () => ({
      xml: '<sync-request><remove-contact cid="abc"/><add-category>StillApplied</add-category></sync-request>',
      json: '{"type":"sync_request","events":[{"type":"remove_contact","cid":"abc"},{"type":"add_category","data":"StillApplied"}]}',
    }),
  },
  {
    code: -40031,
    rule: 'a yahoo id another contact has',
    setup: async (emu) => ({ cid: await createdWith(emu, name('A'), add(field('yahooid', 'ada_l'))) }),
    body: () => [addContact(name('B'), add(field('yahooid', 'ADA_L')))],
  },
  {
    code: -40032,
    rule: 'a category name that exists (ignoring case)',
    setup: async (emu) => ({ catid: emu.control.addCategory('Friends') }),
    body: () => [{ type: 'add-category', name: 'friends' }],
  },
  {
    code: -40034,
    rule: 'the same yahoo id twice on one contact',
    body: () => [addContact(name('A'), add(field('yahooid', 'x')), add(field('yahooid', 'x')))],
  },
  {
    code: -40038,
    rule: 'more contacts than the limit',
    options: { limits: { maxContacts: 1 } },
    setup: async (emu) => ({ cid: await created(emu, { name: { given: 'A' } }) }),
    body: () => [addContact(name('B'))],
  },
  {
    code: -40039,
    rule: 'more fields than the limit',
    options: { limits: { maxFieldsPerContact: 2 } },
    body: () => [addContact(name('A'), add(field('nickname', 'a')), add(field('company', 'c')))],
  },
  {
    code: -40040,
    rule: 'more category memberships in the book than the limit',
    options: { limits: { maxCategoryMemberships: 1 } },
    body: () => [
      {
        type: 'add-contact',
        fields: [name('A')],
        categories: [
          { op: 'add', ref: { name: 'One' } },
          { op: 'add', ref: { name: 'Two' } },
        ],
      },
    ],
  },
  {
    code: -40042,
    rule: 'a subset of an existing contact (strict)',
    options: { strictDuplicates: true },
    setup: async (emu) => ({ cid: await created(emu, { name: { given: 'Ada' }, emails: [{ address: 'a@x.y' }] }) }),
    body: () => [addContact(name('Ada'))],
  },
  {
    code: -40043,
    rule: 'a superset of an existing contact (strict)',
    options: { strictDuplicates: true },
    setup: async (emu) => ({ cid: await created(emu, { name: { given: 'Ada' } }) }),
    body: () => [addContact(name('Ada'), add(field('nickname', 'a')))],
  },
  {
    code: -40044,
    rule: 'equal to an existing contact (strict)',
    options: { strictDuplicates: true },
    setup: async (emu) => ({ cid: await created(emu, { name: { given: 'Ada' } }) }),
    body: () => [addContact(name('ada '))],
  },
  {
    code: -40045,
    rule: 'a duplicate of several contacts (strict)',
    options: { strictDuplicates: true },
    setup: async (emu) => ({ a: await created(emu, { name: { given: 'Ada' } }), b: await created(emu, { nickname: 'a' }) }),
    body: () => [addContact(name('Ada'), add(field('nickname', 'a')))],
  },
  { code: -40046, rule: 'a contact with none of the required fields', body: () => [addContact(add(field('notes', 'only notes')))] },
  { code: -40047, rule: 'an email without exactly one @', body: () => [addContact(name('A'), add(field('email', 'a@b@c')))] },
  {
    code: -40048,
    rule: 'more categories on one contact than the limit',
    options: { limits: { maxCategoriesPerContact: 1 } },
    body: () => [
      {
        type: 'add-contact',
        fields: [name('A')],
        categories: [
          { op: 'add', ref: { name: 'One' } },
          { op: 'add', ref: { name: 'Two' } },
        ],
      },
    ],
  },
  {
    code: -40049,
    rule: 'more categories in the book than the limit',
    options: { limits: { maxCategories: 1 } },
    setup: async (emu) => ({ catid: emu.control.addCategory('One') }),
    body: () => [{ type: 'add-category', name: 'Two' }],
    still: addContact(name('StillApplied')),
  },
  {
    code: -40060,
    rule: 'a date that does not exist',
    body: () => [addContact(name('A'), add({ type: 'birthday', flags: [], parts: { day: '30', month: '2', year: '2001' } }))],
  },
  {
    code: -40061,
    rule: 'a guid that is not 26 upper-case letters or digits',
    body: () => [addContact(name('A'), add(field('guid', 'not-a-guid')))],
  },
  {
    code: -40062,
    rule: 'two guids on one contact',
    body: () => [addContact(name('A'), add(field('guid', GUID)), add(field('guid', OTHER_GUID)))],
  },
  {
    code: -40063,
    rule: 'a guid another contact has',
    setup: async (emu) => ({ cid: await createdWith(emu, name('A'), add(field('guid', GUID))) }),
    body: () => [addContact(name('B'), add(field('guid', GUID)))],
  },
  {
    code: -40064,
    rule: 'an update of a guid field',
    setup: async (emu) => {
      const cid = await createdWith(emu, name('A'), add(field('guid', GUID)));
      return { cid, fid: await fidOf(emu, cid, 'guid') };
    },
    body: (c) => [
      {
        type: 'update-contact',
        cid: c['cid'] ?? 0,
        fields: [{ op: 'update', fid: c['fid'] ?? 0, field: field('guid', OTHER_GUID) }],
        categories: [],
      },
    ],
  },
  {
    code: -40402,
    rule: 'an update of a contact that does not exist',
    body: () => [{ type: 'update-contact', cid: 999_999, fields: [add(field('nickname', 'n'))], categories: [] }],
  },
  { code: -40403, rule: 'a category id that does not exist', body: () => [{ type: 'remove-category', ref: { catid: 999_999 } }] },
  {
    code: -40404,
    rule: 'a field id that does not exist on the contact',
    setup: async (emu) => ({ cid: await created(emu, { name: { given: 'A' } }) }),
    body: (c) => [{ type: 'update-contact', cid: c['cid'] ?? 0, fields: [{ op: 'remove', fid: 999_999 }], categories: [] }],
  },
  {
    code: -40902,
    rule: 'an update of a contact changed after myrev',
    setup: async (emu) => {
      const cid = await created(emu, { name: { given: 'A' }, nickname: 'n' });
      const myrev = emu.control.rev();
      emu.control.updateContact(cid, { company: 'elsewhere' });
      return { cid, myrev };
    },
    body: (c) => [{ type: 'update-contact', cid: c['cid'] ?? 0, fields: [add(field('notes', 'mine'))], categories: [] }],
    myrev: (c) => c['myrev'] ?? 0,
  },
  {
    code: -40902,
    rule: 'a removal of a contact changed after myrev',
    setup: async (emu) => {
      const cid = await created(emu, { name: { given: 'A' } });
      const myrev = emu.control.rev();
      emu.control.updateContact(cid, { company: 'elsewhere' });
      return { cid, myrev };
    },
    body: (c) => [{ type: 'remove-contact', cid: c['cid'] ?? 0 }],
    myrev: (c) => c['myrev'] ?? 0,
  },
  {
    code: -40903,
    rule: 'a rename of a category changed after myrev',
    setup: async (emu) => {
      const catid = emu.control.addCategory('Friends');
      const myrev = emu.control.rev();
      emu.control.renameCategory('Friends', 'Buddies');
      return { catid, myrev };
    },
    body: (c) => [{ type: 'rename-category', old: { catid: c['catid'] ?? 0 }, name: 'Pals' }],
    myrev: (c) => c['myrev'] ?? 0,
  },
  {
    code: -40904,
    rule: 'an update of a field changed after myrev',
    setup: async (emu) => {
      const cid = await created(emu, { name: { given: 'A' }, nickname: 'n' });
      const fid = await fidOf(emu, cid, 'nickname');
      const myrev = emu.control.rev();
      emu.control.updateContact(cid, { nickname: 'elsewhere' });
      return { cid, fid: await fidOf(emu, cid, 'nickname'), oldFid: fid, myrev };
    },
    body: (c) => [
      {
        type: 'update-contact',
        cid: c['cid'] ?? 0,
        fields: [{ op: 'update', fid: c['fid'] ?? 0, field: field('nickname', 'mine') }],
        categories: [],
      },
    ],
    myrev: (c) => c['myrev'] ?? 0,
  },
];

describe.each(FORMATS)('nested rules over HTTP (%s)', (format) => {
  let emu: YahooEmulator | null = null;
  afterEach(async () => {
    await emu?.close();
    emu = null;
  });

  it.each(CASES.filter((c) => (c.formats ?? FORMATS).includes(format)).map((c) => [c.code, c.rule, c] as const))(
    '%i: %s',
    async (code, _rule, c) => {
      emu = await startYahooEmulator(c.options ?? {});
      const ctx = (await c.setup?.(emu)) ?? {};
      const body = c.body(ctx);
      const events = Array.isArray(body) ? [...(body as RequestEvent[]), c.still ?? STILL_APPLIED] : body;
      const revBefore = emu.control.rev();
      const answer = await call(emu, format, { body: events, query: { myrev: String(c.myrev?.(ctx) ?? 0) } });

      expect(answer.status).toBe(200);
      const response = syncOf(answer);
      expect(response.results).toHaveLength(2);
      const [failed, applied] = response.results;
      expect(failed).toMatchObject({ type: 'error', code });
      expect(failed?.type === 'error' && failed.debugMessage.length).toBeGreaterThan(0);
      expect(applied).toMatchObject({ type: 'success' });
      // Only the second event committed: one rev, and what it added is there.
      expect(response.rev).toBe(revBefore + 1);
      if (c.still === undefined) expect(response.categories.map((cat) => cat.name)).toContain('StillApplied');
      else
        expect(
          response.events.some((e) => e.type === 'add-contact' && e.contact.fields.some((f) => f.parts?.first === 'StillApplied')),
        ).toBe(true);
    },
  );
});
