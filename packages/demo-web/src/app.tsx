import { useState } from 'react';
import { useAccounts } from './accounts/use-accounts';
import { AccountPicker } from './components/account-picker';
import { AccountScreen } from './components/account-screen';
import type { EngineClient } from './engine-client/engine-client';

const LAST_ACCOUNT_KEY = 'contactsync-demo:account';

/** Opens the last account straight away (from the replica), or asks which one to open. */
export function App({ client }: { readonly client: EngineClient }) {
  const { accounts, fresh, unreachable } = useAccounts();
  const [accountId, setAccountId] = useState<string | null>(() => localStorage.getItem(LAST_ACCOUNT_KEY));
  const account = accounts.find((a) => a.id === accountId) ?? null;

  if (account === null) {
    return (
      <AccountPicker
        accounts={accounts}
        loading={!fresh}
        unreachable={unreachable}
        onPick={(id) => {
          localStorage.setItem(LAST_ACCOUNT_KEY, id);
          setAccountId(id);
        }}
      />
    );
  }
  return (
    <AccountScreen
      key={account.databaseName}
      account={account}
      client={client}
      onSwitchAccount={() => {
        localStorage.removeItem(LAST_ACCOUNT_KEY);
        setAccountId(null);
      }}
    />
  );
}
