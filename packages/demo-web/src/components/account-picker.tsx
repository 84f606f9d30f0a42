import type { CardDavAccount, DemoAccount } from '../../shared/demo-accounts';
import { ConnectCardDav } from './connect-carddav';
import { ThemePicker } from './theme-picker';

const DESCRIPTIONS: Record<string, string> = {
  'windows-live': 'Windows Live Contacts: REST with XML documents, conditional updates (412).',
  yahoo: 'Yahoo Address Book: one synchronize call with revisions (-40902).',
  carddav: 'CardDAV on a real Radicale: sync-collection, multiget, conditional PUTs, through the relay.',
  'microsoft-graph': 'Microsoft Graph (Outlook.com): delta queries, $batch writes with ETags, throttling by Retry-After.',
};

export interface AccountPickerProps {
  readonly accounts: readonly DemoAccount[];
  readonly loading: boolean;
  readonly unreachable: boolean;
  readonly onPick: (accountId: string) => void;
  /** A book on the person's own CardDAV server, found and chosen in "Connect your own CardDAV server". */
  readonly onConnect: (account: CardDavAccount) => void;
}

/** Chooses the emulated account to open; each has its own replica on this device. */
export function AccountPicker({ accounts, loading, unreachable, onPick, onConnect }: AccountPickerProps) {
  return (
    <main className="picker">
      <h1>Contacts demo</h1>
      <ThemePicker />
      <p>Pick an address book. Each account keeps its own copy on this device, so it opens instantly next time, online or not.</p>
      {unreachable && accounts.length === 0 ? (
        <p role="alert">The demo server cannot be reached. Start it with the demo command and reload.</p>
      ) : null}
      {loading && accounts.length === 0 ? <p role="status">Loading the accounts…</p> : null}
      <ul className="picker-list">
        {accounts.map((account) => (
          <li key={account.id}>
            <button type="button" className="picker-item" onClick={() => onPick(account.id)} data-account-id={account.id}>
              <strong>{account.label}</strong>
              <span>
                {account.service === 'carddav' && account.relayPath !== undefined
                  ? 'Your own CardDAV server, through the relay; the password is held in this tab only.'
                  : DESCRIPTIONS[account.service]}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ConnectCardDav onConnect={onConnect} />
    </main>
  );
}
