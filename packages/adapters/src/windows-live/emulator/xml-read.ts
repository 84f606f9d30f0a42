import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  LOCATION_FIELDS,
  PERSONAL_FIELDS,
  PROFESSIONAL_FIELDS,
  type ChildCollection,
  type WireContact,
  type WireEmail,
  type WireLocation,
  type WirePhone,
  type WireProfiles,
} from '../wire.js';

/**
 * The emulator's reading of request bodies. Unlike a tolerant client it is strict, as a service
 * is: an unknown element, a repeated one or text where elements belong is a 400 (the seed
 * document: "fails to comply with the required format"). It shares no code with the client codec.
 */

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

class BadBody extends Error {
  override readonly name = 'BadBody';
  constructor(readonly reason: string) {
    super(reason);
  }
}

const LISTS: ReadonlySet<string> = new Set(['Contact', 'Email', 'Phone', 'Location', 'Tag']);

const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => LISTS.has(name),
});

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&]*);/g, (_whole, ref: string) => {
    const named = ENTITIES[ref];
    if (named !== undefined) return named;
    const hex = /^#x([0-9a-f]+)$/i.exec(ref);
    const dec = /^#([0-9]+)$/.exec(ref);
    const code = hex?.[1] !== undefined ? Number.parseInt(hex[1], 16) : dec?.[1] !== undefined ? Number(dec[1]) : NaN;
    const allowed =
      code === 9 ||
      code === 10 ||
      code === 13 ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) throw new BadBody(`undefined or invalid reference &${ref};`);
    return String.fromCodePoint(code);
  });
}

/** Parses a body to its single root element. A DTD is refused before parsing (§1.1). */
export function readDocument(xml: string): Read<{ readonly root: string; readonly value: unknown }> {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) return { ok: false, reason: 'a DOCTYPE is not accepted' };
  const text = xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_w, body: string) =>
    body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  );
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, reason: `not well-formed: ${valid.err.msg}` };
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch {
    return { ok: false, reason: 'unparseable element names' };
  }
  const keys = typeof parsed === 'object' && parsed !== null ? Object.keys(parsed) : [];
  const [root] = keys;
  if (root === undefined || keys.length !== 1) return { ok: false, reason: 'expected exactly one root element' };
  return { ok: true, value: { root, value: (parsed as Record<string, unknown>)[root] } };
}

function guard<T>(read: () => T): Read<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof BadBody) return { ok: false, reason: error.reason };
    throw error;
  }
}

function object(value: unknown, what: string, allowed: readonly string[]): Readonly<Record<string, unknown>> {
  if (typeof value === 'string' && value.trim() === '') return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadBody(`<${what}> must contain elements`);
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key === '#text') {
      if (String(o[key]).trim() !== '') throw new BadBody(`<${what}> mixes text and elements`);
    } else if (!allowed.includes(key)) {
      throw new BadBody(`<${key}> is not an element of <${what}>`);
    }
  }
  return o;
}

function text(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadBody(`<${what}> must hold text, once`);
  return decode(value);
}

function list(value: unknown): readonly unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function fields<K extends string>(value: unknown, what: string, names: readonly K[]): { [P in K]?: string } {
  const o = object(value, what, names);
  const out: { [P in K]?: string } = {};
  for (const name of names) {
    const v = text(o[name], name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

const CHILD_FIELDS = {
  Emails: { element: 'Email', names: ['ID', 'EmailType', 'Address', 'IsDefault'] },
  Phones: { element: 'Phone', names: ['ID', 'PhoneType', 'Number'] },
  Locations: { element: 'Location', names: ['ID', 'LocationType', ...LOCATION_FIELDS] },
} as const;

function children(value: unknown, collection: ChildCollection): readonly (WireEmail | WirePhone | WireLocation)[] {
  const spec = CHILD_FIELDS[collection];
  const o = object(value, collection, [spec.element]);
  return list(o[spec.element]).map((c) => fields(c, spec.element, spec.names));
}

function profiles(value: unknown): WireProfiles {
  const o = object(value, 'Profiles', ['Personal', 'Professional']);
  return {
    ...(o['Personal'] === undefined ? {} : { Personal: fields(o['Personal'], 'Personal', PERSONAL_FIELDS) }),
    ...(o['Professional'] === undefined ? {} : { Professional: fields(o['Professional'], 'Professional', PROFESSIONAL_FIELDS) }),
  };
}

const CONTACT_ELEMENTS = ['ID', 'Profiles', 'Emails', 'Phones', 'Locations', 'Notes', 'Tags', 'IsDeleted'] as const;

function contact(value: unknown): WireContact {
  const o = object(value, 'Contact', CONTACT_ELEMENTS);
  const id = text(o['ID'], 'ID');
  const notes = text(o['Notes'], 'Notes');
  const deleted = text(o['IsDeleted'], 'IsDeleted');
  return {
    ...(id === undefined ? {} : { ID: id }),
    ...(o['Profiles'] === undefined ? {} : { Profiles: profiles(o['Profiles']) }),
    ...(o['Emails'] === undefined ? {} : { Emails: children(o['Emails'], 'Emails') }),
    ...(o['Phones'] === undefined ? {} : { Phones: children(o['Phones'], 'Phones') }),
    ...(o['Locations'] === undefined ? {} : { Locations: children(o['Locations'], 'Locations') }),
    ...(notes === undefined ? {} : { Notes: notes }),
    ...(o['Tags'] === undefined ? {} : { Tags: tags(o['Tags']) }),
    ...(deleted === undefined ? {} : { IsDeleted: deleted }),
  };
}

function tags(value: unknown): readonly string[] {
  const o = object(value, 'Tags', ['Tag']);
  return list(o['Tag']).map((t) => text(t, 'Tag') ?? '');
}

/**
 * The objects of a POST body: `<Contact>` is one; a plural wrapper (`<Contacts>`) holds as many as
 * it lists, which is how a body can carry "more than one object" (403, §1.2).
 */
export function readContacts(root: string, value: unknown): Read<readonly WireContact[]> {
  return guard(() => {
    if (root === 'Contact') return list(value).map(contact);
    if (root === 'Contacts') return list(object(value, 'Contacts', ['Contact'])['Contact']).map(contact);
    throw new BadBody(`<${root}> is not a contact`);
  });
}

/** The children of a child POST or PUT body: `<Email>` or an `<Emails>` wrapper. */
export function readChildren(
  collection: ChildCollection,
  root: string,
  value: unknown,
): Read<readonly (WireEmail | WirePhone | WireLocation)[]> {
  const spec = CHILD_FIELDS[collection];
  return guard(() => {
    if (root === spec.element) return list(value).map((c) => fields(c, spec.element, spec.names));
    if (root === collection) return children(value, collection);
    throw new BadBody(`<${root}> is not a ${spec.element}`);
  });
}

/**
 * The body of a PUT to a single-valued element (`.../Profiles/Personal/FirstName`, `.../Notes`,
 * `.../Tags`, `.../Profiles`), as the partial contact it amounts to.
 */
export function readElement(path: readonly string[], root: string, value: unknown): Read<WireContact> {
  return guard(() => {
    const last = path[path.length - 1];
    if (root !== last) throw new BadBody(`expected <${last}>, got <${root}>`);
    const [first, second, third] = path;
    if (first === 'Notes') return { Notes: text(value, 'Notes') ?? '' };
    if (first === 'Tags') return { Tags: tags(value) };
    if (second === undefined) return { Profiles: profiles(value) };
    if (second === 'Personal') {
      return {
        Profiles: { Personal: third === undefined ? fields(value, 'Personal', PERSONAL_FIELDS) : { [third]: text(value, third) ?? '' } },
      };
    }
    return {
      Profiles: {
        Professional: third === undefined ? fields(value, 'Professional', PROFESSIONAL_FIELDS) : { [third]: text(value, third) ?? '' },
      },
    };
  });
}
