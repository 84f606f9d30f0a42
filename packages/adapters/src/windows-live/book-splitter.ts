import { XmlSplitter, type SplitRules } from '../kit/index.js';

/**
 * Splits a `<LiveContacts>` book (docs/windows-live.md §1.3) into its `<Contact>` elements as the
 * body arrives (kit/xml-splitter.ts, issue 16): the root must be `<LiveContacts>`, it holds one
 * `<Contacts>` list, and each `<Contact>` in it is handed out whole, to be read by the contact's own
 * decoder (codec.ts `decodeBookContact`). A book declares no DOCTYPE.
 */

/** `<wl:Contact>` and `<contact>` are both a Contact (names match case-insensitively, prefixes dropped). */
function localLower(name: string): string {
  const colon = name.indexOf(':');
  return (colon < 0 ? name : name.slice(colon + 1)).toLowerCase();
}

export function bookSplitter(): XmlSplitter {
  let contactsLists = 0;
  const rules: SplitRules = {
    recordDepth: 2,
    rootName: 'LiveContacts',
    externalDoctype: false,
    opened: ({ name, depth, open }) => {
      const local = localLower(name);
      if (depth === 0) return local === 'livecontacts' ? 'open' : { problem: `expected one <LiveContacts> root element, got <${name}>` };
      // Two lists would be read as one value that is not an element list by the tree decoder: refused the same way.
      if (depth === 1 && local === 'contacts' && ++contactsLists > 1) return { problem: '<Contacts> should contain elements' };
      return depth === 2 && local === 'contact' && localLower(open[1] ?? '') === 'contacts' ? 'record' : 'open';
    },
  };
  return new XmlSplitter(rules);
}
