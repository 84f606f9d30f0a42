import type { ContactDraft } from '@contactsync/core';
import { writeProperty, type CardProperty, type JCardProperty, type ParsedCard, type VCardVersion } from './vcard-card.js';
import { addressOf, componentsOf, draftFromCard, emailOf, FIELD_PROPERTIES, phoneOf } from './vcard-decode.js';
import { addressProperty, emailProperty, phoneProperty, scalarProperties } from './vcard-encode.js';

/**
 * An edit of a card as the smallest rewrite: the field groups whose value changed are rewritten,
 * every other property goes back exactly as the server sent it (folding, case, parameters, groups
 * such as `item1.EMAIL` with its `item1.X-ABLabel`, PHOTO, X- properties). List items (EMAIL, TEL,
 * ADR) are matched by value: an item still present keeps its line, a new one is added after its
 * group, a removed one goes. The card keeps its VERSION and UID.
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

function listGroup<Item>(
  lines: Line[],
  name: string,
  items: readonly Item[],
  read: (p: CardProperty) => Item,
  write: (item: Item) => JCardProperty,
): Line[] {
  const wanted = [...items];
  const out: Line[] = [];
  let lastIndex = -1;
  for (const line of lines) {
    if ('kept' in line && line.kept.jcard.name === name) {
      const at = wanted.findIndex((item) => same(item, read(line.kept)));
      if (at >= 0) {
        wanted.splice(at, 1);
        out.push(line);
      }
      lastIndex = out.length;
      continue;
    }
    out.push(line);
  }
  // After the group's last line, and after the lines sharing its `itemN.` group (its label).
  const group = lastIndex > 0 ? groupOf(out[lastIndex - 1]) : undefined;
  while (group !== undefined && lastIndex < out.length && groupOf(out[lastIndex]) === group) lastIndex++;
  const added = wanted.map((item): Line => ({ added: write(item) }));
  out.splice(lastIndex >= 0 ? lastIndex : out.length, 0, ...added);
  return out;
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
    lines = listGroup(lines, 'adr', next.addresses, addressOf, (a) => addressProperty(version, a));
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
