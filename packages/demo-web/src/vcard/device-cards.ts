import Dexie, { type Table } from 'dexie';

/**
 * Imported vCards, kept on this device beside the contacts made from them. The contact model has no
 * photo, URL or X- properties, and `contacts.create` takes a contact, not a card, so what an imported
 * card holds beyond the model can reach no server (not even a CardDAV one: the engine writes a new
 * card from the contact). Rather than drop it, the demo keeps the whole card here, per account and
 * contact: the contact shows which properties are kept ("only on this device"), and an export patches
 * the kept card with the contact's current values, so PHOTO and the rest come back out.
 */
export interface DeviceCard {
  /** The account's replica database name. */
  readonly account: string;
  readonly contactId: string;
  /** The card as it was imported (CRLF, folding kept). */
  readonly card: string;
  /** Upper-case names of its properties the contact model does not map (`PHOTO`, `URL`, ...). */
  readonly unmapped: readonly string[];
}

class DeviceCardsDb extends Dexie {
  cards!: Table<DeviceCard, [string, string]>;
  constructor() {
    super('contactsync-demo-device-cards');
    this.version(1).stores({ cards: '[account+contactId], account' });
  }
}

let db: DeviceCardsDb | null = null;
const open = (): DeviceCardsDb => (db ??= new DeviceCardsDb());

export async function keepDeviceCards(cards: readonly DeviceCard[]): Promise<void> {
  await open().cards.bulkPut([...cards]);
}

/** The account's kept cards by contact id. */
export async function deviceCardsOf(account: string): Promise<Map<string, DeviceCard>> {
  const rows = await open().cards.where('account').equals(account).toArray();
  return new Map(rows.map((row) => [row.contactId, row]));
}

/** One contact's kept card (call inside `useLiveQuery` to follow imports). */
export function deviceCardOf(account: string, contactId: string): Promise<DeviceCard | undefined> {
  return open().cards.get([account, contactId]);
}

export async function forgetDeviceCard(account: string, contactId: string): Promise<void> {
  await open().cards.delete([account, contactId]);
}
