import ICAL from 'ical.js';

/**
 * A vCard read through ical.js, kept next to its own text: each property is the logical line it
 * came from (unfolded, byte-for-byte) plus the library's jCard reading of it (RFC 7095). Keeping the
 * lines lets an edit rewrite only the properties it changes (vcard-patch.ts): every other line,
 * including ones no library understands, goes back to the server exactly as it came.
 */

/** One jCard property: `[name, params, valueType, ...values]` (RFC 7095 §3.3), name lower case. */
export interface JCardProperty {
  readonly name: string;
  readonly params: Readonly<Record<string, string | readonly string[]>>;
  readonly valueType: string;
  readonly values: readonly JCardValue[];
}
export type JCardValue = string | number | boolean | readonly (string | readonly string[])[];

export interface CardProperty {
  /** The content line as the server sent it, folded as it was (CRLF, no final line break). */
  readonly text: string;
  /** The value part of the unfolded line, still escaped. */
  readonly value: string;
  readonly jcard: JCardProperty;
}

export type VCardVersion = '3.0' | '4.0';

export interface ParsedCard {
  readonly version: VCardVersion;
  readonly uid: string | null;
  /** Every property between BEGIN and END, in order; VERSION included. */
  readonly properties: readonly CardProperty[];
}

export type CardReading = { readonly ok: true; readonly card: ParsedCard } | { readonly ok: false; readonly problem: string };

interface ContentLine {
  /** Unfolded. */
  readonly logical: string;
  /** As folded on the server, with CRLF between its physical lines. */
  readonly text: string;
}

/** RFC 6350 §3.2 / RFC 2426 §2.6: a line break followed by one space or tab continues the line. */
function contentLines(text: string): ContentLine[] {
  const groups: string[][] = [];
  for (const physical of text.split(/\r?\n/)) {
    const last = groups.at(-1);
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && last !== undefined) last.push(physical);
    else if (physical !== '') groups.push([physical]);
  }
  return groups.map((g) => ({ logical: g.map((l, i) => (i === 0 ? l : l.slice(1))).join(''), text: g.join('\r\n') }));
}

function toJCardProperty(raw: unknown): JCardProperty | null {
  if (!Array.isArray(raw) || raw.length < 3) return null;
  const [name, params, valueType, ...values] = raw as unknown[];
  if (typeof name !== 'string' || typeof params !== 'object' || params === null || typeof valueType !== 'string') return null;
  return { name, params: params as JCardProperty['params'], valueType, values: values as JCardValue[] };
}

/**
 * Reads one vCard 3.0 (RFC 2426) or 4.0 (RFC 6350). Anything else is unreadable and reported with
 * the reason: vCard 2.1 (quoted-printable, a different grammar), a card without END, a line that is
 * neither a property nor a continuation (broken folding), nested or multiple cards.
 */
export function readCard(text: string): CardReading {
  const lines = contentLines(text);
  if (lines[0]?.logical.toUpperCase() !== 'BEGIN:VCARD') return { ok: false, problem: 'does not start with BEGIN:VCARD' };
  if (lines.at(-1)?.logical.toUpperCase() !== 'END:VCARD') return { ok: false, problem: 'does not end with END:VCARD' };
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    return { ok: false, problem: `ical.js: ${error instanceof Error ? error.message : 'unreadable'}` };
  }
  // One card: ICAL.parse answers a single component as ['vcard', properties, components].
  if (!Array.isArray(parsed) || parsed[0] !== 'vcard' || !Array.isArray(parsed[1]) || (Array.isArray(parsed[2]) && parsed[2].length > 0)) {
    return { ok: false, problem: 'not exactly one vCard' };
  }
  const body = lines.slice(1, -1);
  const raw = parsed[1] as unknown[];
  if (raw.length !== body.length) return { ok: false, problem: `lines and properties differ (${body.length} / ${raw.length})` };
  const properties: CardProperty[] = [];
  for (let i = 0; i < raw.length; i++) {
    const jcard = toJCardProperty(raw[i]);
    const line = body[i];
    if (jcard === null || line === undefined) return { ok: false, problem: `property ${i} unreadable` };
    properties.push({ text: line.text, value: valuePart(line.logical), jcard });
  }
  const version = properties.find((p) => p.jcard.name === 'version')?.jcard.values[0];
  if (version !== '3.0' && version !== '4.0') return { ok: false, problem: `VERSION ${String(version ?? 'missing')} is not 3.0 or 4.0` };
  const uid = properties.find((p) => p.jcard.name === 'uid')?.jcard.values[0];
  return { ok: true, card: { version, uid: typeof uid === 'string' && uid !== '' ? uid : null, properties } };
}

/** What follows the first colon outside a quoted parameter value (RFC 6350 §3.3, RFC 6868). */
function valuePart(logical: string): string {
  let quoted = false;
  for (let i = 0; i < logical.length; i++) {
    const c = logical[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return logical.slice(i + 1);
  }
  return '';
}

/**
 * A text value split at unescaped `separator`s and unescaped: `\\`, `\,`, `\;` and `\n`/`\N`
 * (RFC 2426 §4 escaped-char; RFC 6350 §3.4). ical.js leaves `\;` escaped in plain text values,
 * which vobject-based servers (Radicale) write for every semicolon in a NOTE.
 */
export function unescapeText(raw: string, separator?: ',' | ';'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i] as string;
      current += next === 'n' || next === 'N' ? '\n' : next;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** The design set (value types, escaping) ical.js uses for a version. */
export function designSet(version: VCardVersion): ReturnType<typeof ICAL.design.getDesignSet> {
  return version === '3.0' ? ICAL.design.vcard3 : ICAL.design.vcard;
}

/**
 * One property as a folded content line (no trailing line break), written by ical.js. An empty
 * `valueType` means the property's default type in that version, so no VALUE= parameter is written.
 */
export function writeProperty(version: VCardVersion, property: JCardProperty): string {
  const design = designSet(version);
  const properties = design.property as Readonly<Record<string, { readonly defaultType?: string } | undefined>>;
  const known = properties[property.name];
  const valueType = property.valueType === '' ? (known?.defaultType ?? 'text') : property.valueType;
  const json = [property.name, property.params, valueType, ...property.values];
  return ICAL.stringify.property(json, design, false);
}
