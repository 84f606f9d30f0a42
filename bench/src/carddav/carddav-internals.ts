/**
 * The CardDAV adapter's card mapping, card writer, multistatus codec and multiget batch, which the package does not
 * export, loaded from its build output like bench/src/internals.ts does for the other adapters.
 */
import type * as CardDavClient from '../../../packages/adapters/dist/carddav/client.js';
import type * as Multistatus from '../../../packages/adapters/dist/carddav/multistatus.js';
import type * as CardDavRecord from '../../../packages/adapters/dist/carddav/record.js';
import type * as VCardPatch from '../../../packages/adapters/dist/carddav/vcard-patch.js';
import type * as XmlBody from '../../../packages/adapters/dist/carddav/xml-body.js';

export type { Multistatus } from '../../../packages/adapters/dist/carddav/multistatus.js';

const adaptersDist = new URL('.', import.meta.resolve('@contactsync/adapters'));
const load = async <T>(path: string): Promise<T> => (await import(new URL(path, adaptersDist).href)) as T;

/** The card text -> replica record mapping the adapter itself uses (vCard parsed with ical.js), and its href -> path. */
export const { recordFromCard, hrefPath } = await load<typeof CardDavRecord>('carddav/record.js');
/** The adapter's multistatus decoder (fast-xml-parser) and request bodies, for the DAVx5-style baseline. */
export const { decodeMultistatus, textOf } = await load<typeof Multistatus>('carddav/multistatus.js');
export const { syncCollectionBody, multigetBody, XML_HEADERS } = await load<typeof XmlBody>('carddav/xml-body.js');
/** A vCard for a contact, as the adapter writes a new one. */
export const { newCard } = await load<typeof VCardPatch>('carddav/vcard-patch.js');
/** Cards per addressbook-multiget when the app does not choose (the engine's requests budget uses it). */
export const { DEFAULT_MULTIGET_BATCH } = await load<typeof CardDavClient>('carddav/client.js');
