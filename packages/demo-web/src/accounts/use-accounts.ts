import { useEffect, useState } from 'react';
import type { DemoAccount } from '../../shared/demo-accounts';
import { cachedAccounts, settleStaleReplicas, fetchAccounts } from './load-accounts';

export interface AccountsState {
  readonly accounts: readonly DemoAccount[];
  /** True once the server answered (false: the cached list, or still asking). */
  readonly fresh: boolean;
  readonly unreachable: boolean;
}

/** The cached accounts at once (so a known account opens instantly), then the server's list. */
export function useAccounts(): AccountsState {
  const [state, setState] = useState<AccountsState>(() => ({ accounts: cachedAccounts(), fresh: false, unreachable: false }));
  useEffect(() => {
    let live = true;
    void fetchAccounts().then((accounts) => {
      if (!live) return;
      if (accounts === null) {
        setState((previous) => ({ ...previous, unreachable: true }));
        return;
      }
      setState({ accounts, fresh: true, unreachable: false });
      void settleStaleReplicas(accounts);
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
