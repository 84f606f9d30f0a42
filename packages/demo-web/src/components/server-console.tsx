import { useEffect, useId, useState } from 'react';
import { toDraft, type ContactWithState } from '@contactsync/core';
import type { DemoAccount } from '../../shared/demo-accounts';
import { REMOTE_EDIT_FIELDS, type ConsoleAnswer, type ContactMatch, type RemoteEditField } from '../../shared/console-actions';
import { getNetwork, sendConsoleAction, setNetwork } from '../console/console-client';
import { displayName } from '../model/display-name';
import { fieldLabel } from '../model/field-text';
import { clockTime } from '../model/format-time';

export interface ServerConsoleProps {
  readonly account: DemoAccount;
  readonly selected: ContactWithState | null;
  /** Called when the simulated network comes back, as a browser's `online` event would be. */
  readonly onNetworkBack: () => void;
}

const matchOf = (contact: ContactWithState): ContactMatch => ({
  emails: contact.emails.map((e) => e.address),
  given: contact.name.given,
  family: contact.name.family,
});

/**
 * Drives the emulators' control planes through the demo server: network down/up, retry-after
 * refusals, edits "on another device", a locked user. Each answer is logged in the panel.
 */
export function ServerConsole({ account, selected, onNetworkBack }: ServerConsoleProps) {
  const ids = { field: useId(), value: useId(), seconds: useId(), count: useId() };
  const [online, setOnline] = useState(true);
  const [field, setField] = useState<RemoteEditField>('jobTitle');
  const [value, setValue] = useState('Changed on another device');
  const [seconds, setSeconds] = useState('20');
  const [count, setCount] = useState('3');
  const [log, setLog] = useState<readonly (ConsoleAnswer & { readonly at: number })[]>([]);
  const yahoo = account.service === 'yahoo';

  useEffect(() => {
    void getNetwork().then(setOnline);
  }, []);

  const record = (answer: ConsoleAnswer): void => setLog((previous) => [{ ...answer, at: Date.now() }, ...previous].slice(0, 20));

  const toggleNetwork = async (): Promise<void> => {
    const answer = await setNetwork(!online);
    record(answer);
    if (!answer.ok) return;
    setOnline(!online);
    if (!online) onNetworkBack();
  };

  const retryAfter = (): Promise<void> =>
    sendConsoleAction(account.id, 'retry-after', { seconds: Number(seconds) || 20, count: Number(count) || 1 }).then(record);
  const rejectNextWrite = (): Promise<void> => sendConsoleAction(account.id, 'reject-next-write', {}).then(record);
  const lock = (locked: boolean): Promise<void> => sendConsoleAction(account.id, 'lock', { locked }).then(record);
  const editRemote = (): Promise<void> =>
    selected === null
      ? Promise.resolve()
      : sendConsoleAction(account.id, 'edit-contact', { match: matchOf(selected), field, value }).then(record);
  const deleteRemote = (): Promise<void> =>
    selected === null ? Promise.resolve() : sendConsoleAction(account.id, 'delete-contact', { match: matchOf(selected) }).then(record);
  const createRemote = (): Promise<void> => {
    const stamp = clockTime(Date.now()).replace(/:/g, '');
    const contact = toDraft({
      name: { given: 'Remote', family: `Contact ${stamp}` },
      emails: [{ type: 'personal', address: `remote.${stamp}@elsewhere.example` }],
    });
    return sendConsoleAction(account.id, 'create-contact', { contact }).then(record);
  };

  return (
    <section className="console" aria-labelledby="console-title">
      <h2 id="console-title">Server console</h2>
      <p className="hint">These buttons act on the emulated {account.label} server, not on this device.</p>

      <fieldset>
        <legend>Network</legend>
        <p data-testid="network-state">The network between this page and the server is {online ? 'up' : 'down'}.</p>
        <button type="button" onClick={() => void toggleNetwork()}>
          {online ? 'Go offline' : 'Go online'}
        </button>
      </fieldset>

      <fieldset>
        <legend>Server busy</legend>
        <div className="inline-fields">
          <div className="field">
            <label htmlFor={ids.count}>Requests</label>
            <input id={ids.count} type="number" min={1} max={50} value={count} onChange={(event) => setCount(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.seconds}>Retry after (seconds)</label>
            <input id={ids.seconds} type="number" min={1} max={3600} value={seconds} onChange={(event) => setSeconds(event.target.value)} />
          </div>
        </div>
        <button type="button" onClick={() => void retryAfter()}>
          {yahoo
            ? 'Answer the next requests with -50302 and retry-after'
            : account.service === 'microsoft-graph'
              ? 'Answer the next requests with 429 and Retry-After'
              : 'Answer the next requests with 503 and Retry-After'}
        </button>
      </fieldset>

      <fieldset>
        <legend>Another device</legend>
        <p>{selected === null ? 'Select a contact in the list to change it on the server.' : `Selected: ${displayName(selected)}`}</p>
        <div className="inline-fields">
          <div className="field">
            <label htmlFor={ids.field}>Field</label>
            <select id={ids.field} value={field} onChange={(event) => setField(event.target.value as RemoteEditField)}>
              {REMOTE_EDIT_FIELDS.map((name) => (
                <option key={name} value={name}>
                  {fieldLabel(name)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.value}>New value</label>
            <input id={ids.value} value={value} onChange={(event) => setValue(event.target.value)} />
          </div>
        </div>
        <div className="actions">
          <button type="button" disabled={selected === null} onClick={() => void editRemote()}>
            Change it on the server
          </button>
          <button type="button" disabled={selected === null} onClick={() => void deleteRemote()}>
            Delete it on the server
          </button>
          <button type="button" onClick={() => void createRemote()}>
            Add a contact on the server
          </button>
        </div>
      </fieldset>

      <fieldset>
        <legend>Validation</legend>
        <button type="button" onClick={() => void rejectNextWrite()}>
          Refuse the next change as invalid
        </button>
      </fieldset>

      <fieldset>
        <legend>Account</legend>
        <div className="actions">
          <button type="button" onClick={() => void lock(true)}>
            Lock the user
          </button>
          <button type="button" onClick={() => void lock(false)}>
            Unlock the user
          </button>
        </div>
      </fieldset>

      <h3>Console log</h3>
      <ol className="console-log" aria-live="polite" data-testid="console-log">
        {log.map((entry, i) => (
          <li key={`${entry.at}-${i}`} className={entry.ok ? '' : 'report-error'}>
            {clockTime(entry.at)} {entry.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
