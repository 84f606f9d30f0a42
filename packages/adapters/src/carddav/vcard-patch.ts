import type { Address, ContactDraft } from '@contactsync/core';
import { writeProperty, type CardProperty, type JCardProperty, type ParsedCard, type VCardVersion } from './vcard-card.js';
import { addressOf, componentsOf, draftFromCard, emailOf, FIELD_PROPERTIES, phoneOf } from './vcard-decode.js';
import { addressProperty, editedAddressProperty, emailProperty, phoneProperty, scalarProperties } from './vcard-encode.js';

/**
 * An edit of a card as the smallest rewrite: the field groups whose value changed are rewritten,
 * every other property goes back exactly as the server sent it (folding, case, parameters, groups
 * such as `item1.EMAIL` with its `item1.X-ABLabel`, PHOTO, X- properties). List items (EMAIL, TEL,
 * ADR) are matched by value: an item still present keeps its line, a new one is added after its
 * group, a removed one goes. An address whose value changed but that is still recognisably the same
 * one is rewritten over its own line, keeping the components the model does not map (PO box,
 * extended address) and its parameters. The card keeps its VERSION and UID.
 */

/** A property line to write: either one kept as it came, or a new one ical.js writes. */
type Line = { readonly kept: CardProperty } | { readonly added: JCardProperty };

const SCALAR_GROUPS = ['name', 'nickname', 'company', 'jobTitle', 'notes', 'birthday', 'categories'] as const;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function groupOf(line: Line | undefined): string | undefined {
  if (line === undefined || !('kept' in line)) return undefined;
  const group = line.kept.jcard.params['group'];
  return typeof group === 'string' ? group.toLowerCase() : undefined;
}

/** How an item whose value changed is written over the line it replaces, keeping what the model does not map. */
interface ItemEdit<Item> {
  /** Whether `next` is `before` edited (rather than a different item that replaced it). */
  readonly pairs: (before: Item, next: Item) => boolean;
  readonly write: (old: CardProperty, next: Item) => JCardProperty;
}

function listGroup<Item>(
  lines: Line[],
  name: string,
  items: readonly Item[],
  read: (p: CardProperty) => Item,
  write: (item: Item) => JCardProperty,
  edit?: ItemEdit<Item>,
): Line[] {
  const wanted = [...items];
  // First every line whose item is still wanted as it is; the others are left open for an edit.
  const marked = lines.map((line) => {
    if (!('kept' in line) || line.kept.jcard.name !== name) return { line, open: false, ofGroup: false };
    const at = wanted.findIndex((item) => same(item, read(line.kept)));
    if (at >= 0) wanted.splice(at, 1);
    return { line, open: at < 0, ofGroup: true };
  });
  const out: Line[] = [];
  let lastIndex = -1;
  for (const { line, open, ofGroup } of marked) {
    if (open && 'kept' in line) {
      const before = read(line.kept);
      const at = edit === undefined ? -1 : wanted.findIndex((item) => edit.pairs(before, item));
      const [item] = at >= 0 ? wanted.splice(at, 1) : [];
      if (edit !== undefined && item !== undefined) out.push({ added: edit.write(line.kept, item) });
    } else {
      out.push(line);
    }
    if (ofGroup) lastIndex = out.length;
  }
  // After the group's last line, and after the lines sharing its `itemN.` group (its label).
  const group = lastIndex > 0 ? groupOf(out[lastIndex - 1]) : undefined;
  while (group !== undefined && lastIndex < out.length && groupOf(out[lastIndex]) === group) lastIndex++;
  const added = wanted.map((item): Line => ({ added: write(item) }));
  out.splice(lastIndex >= 0 ? lastIndex : out.length, 0, ...added);
  return out;
}

/**
 * An address counts as edited (not replaced) when it keeps at least two of its non-empty mapped
 * components (one, if it had only one): a new street in the same city is an edit and keeps its PO
 * box; a move to another city and street is a new address.
 */
function sameAddress(before: Address, next: Address): boolean {
  const keys = ['street', 'city', 'region', 'postalCode', 'country'] as const;
  const filled = keys.filter((k) => before[k] !== '');
  const shared = filled.filter((k) => before[k] === next[k]).length;
  return shared >= 1 && shared >= Math.min(2, filled.length);
}

function scalarGroup(lines: Line[], names: readonly string[], replacement: readonly JCardProperty[]): Line[] {
  const at = lines.findIndex((l) => 'kept' in l && names.includes(l.kept.jcard.name));
  const rest = lines.filter((l) => !('kept' in l && names.includes(l.kept.jcard.name)));
  const index = at >= 0 ? lines.slice(0, at).filter((l) => !('kept' in l && names.includes(l.kept.jcard.name))).length : rest.length;
  rest.splice(index, 0, ...replacement.map((p): Line => ({ added: p })));
  return rest;
}

function render(version: VCardVersion, lines: readonly Line[]): string {
  const body = lines.map((l) => ('kept' in l ? l.kept.text : writeProperty(version, l.added)));
  return ['BEGIN:VCARD', ...body, 'END:VCARD', ''].join('\r\n');
}

/** The card with `next` written into it. Returns the same text when nothing the model maps changed. */
export function patchCard(card: ParsedCard, next: ContactDraft): string {
  const current = draftFromCard(card);
  const { version } = card;
  let lines: Line[] = card.properties.map((kept) => ({ kept }));
  for (const field of SCALAR_GROUPS) {
    if (same(current[field], next[field])) continue;
    const org = card.properties.find((p) => p.jcard.name === 'org');
    const units = field === 'company' && org !== undefined ? componentsOf(org.jcard.values).slice(1) : [];
    lines = scalarGroup(lines, FIELD_PROPERTIES[field], scalarProperties(field, next, units));
  }
  if (!same(current.emails, next.emails)) lines = listGroup(lines, 'email', next.emails, emailOf, (e) => emailProperty(version, e));
  if (!same(current.phones, next.phones)) lines = listGroup(lines, 'tel', next.phones, phoneOf, (p) => phoneProperty(version, p));
  if (!same(current.addresses, next.addresses))
    lines = listGroup(lines, 'adr', next.addresses, addressOf, (a) => addressProperty(version, a), {
      pairs: sameAddress,
      write: (old, a) => editedAddressProperty(version, old, a),
    });
  return render(version, lines);
}

/** A new card for a contact (RFC 6350 §6.7.6: UID identifies it across edits). */
export function newCard(version: VCardVersion, uid: string, contact: ContactDraft): string {
  const props: JCardProperty[] = [
    { name: 'version', params: {}, valueType: 'text', values: [version] },
    { name: 'uid', params: {}, valueType: 'text', values: [uid] },
    ...SCALAR_GROUPS.flatMap((field) => scalarProperties(field, contact)),
    ...contact.emails.map((e) => emailProperty(version, e)),
    ...contact.phones.map((p) => phoneProperty(version, p)),
    ...contact.addresses.map((a) => addressProperty(version, a)),
  ];
  return render(
    version,
    props.map((added) => ({ added })),
  );
}
