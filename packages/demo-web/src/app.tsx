import { useState } from 'react';
import { useAccounts } from './accounts/use-accounts';
import { AccountPicker } from './components/account-picker';
import { AccountScreen } from './components/account-screen';
import { UpdateBanner } from './components/update-banner';
import type { AppUpdates } from './engine-client/app-updates';
import type { EngineClient } from './engine-client/engine-client';
import type { CardDavAccount } from '../shared/demo-accounts';

const LAST_ACCOUNT_KEY = 'contactsync-demo:account';

/** Opens the last account straight away (from the replica), or asks which one to open. */
export function App({ client, updates }: { readonly client: EngineClient; readonly updates: AppUpdates }) {
  const { accounts: served, fresh, unreachable } = useAccounts();
  // Books on the person's own CardDAV server: in memory only (they hold its password).
  const [own, setOwn] = useState<readonly CardDavAccount[]>([]);
  const accounts = [...served, ...own];
  const [accountId, setAccountId] = useState<string | null>(() => localStorage.getItem(LAST_ACCOUNT_KEY));
  const account = accounts.find((a) => a.id === accountId) ?? null;

  const banner = <UpdateBanner updates={updates} />;
  if (account === null) {
    return (
      <>
        {banner}
        <AccountPicker
          accounts={accounts}
          loading={!fresh}
          unreachable={unreachable}
          onPick={(id) => {
            localStorage.setItem(LAST_ACCOUNT_KEY, id);
            setAccountId(id);
          }}
          onConnect={(connected) => {
            setOwn((previous) => [...previous.filter((a) => a.id !== connected.id), connected]);
            // Not remembered as the last account: after a reload it cannot open without its password.
            localStorage.removeItem(LAST_ACCOUNT_KEY);
            setAccountId(connected.id);
          }}
        />
      </>
    );
  }
  return (
    <>
      {banner}
      <AccountScreen
        key={account.databaseName}
        account={account}
        client={client}
        onSwitchAccount={() => {
          localStorage.removeItem(LAST_ACCOUNT_KEY);
          setAccountId(null);
        }}
      />
    </>
  );
}
