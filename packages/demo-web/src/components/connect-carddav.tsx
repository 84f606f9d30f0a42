import { useId, useState, type FormEvent } from 'react';
import type { CardDavAccount } from '../../shared/demo-accounts';
import type { Credentials } from '../accounts/own-carddav';

/** Discovery (the adapter's XML and DAV code) loads when someone connects: not part of the first paint. */
const ownCardDav = () => import('../accounts/own-carddav');

export interface ConnectCardDavProps {
  /** Opens the chosen book as an account (held in memory, with its password, until the page closes). */
  readonly onConnect: (account: CardDavAccount) => void;
}

type Step =
  | { readonly kind: 'form'; readonly problem: string | null; readonly busy: boolean }
  | {
      readonly kind: 'books';
      readonly host: string;
      readonly credentials: Credentials;
      /** One account per address book found, with the book's name and path. */
      readonly books: readonly { readonly name: string; readonly path: string; readonly account: CardDavAccount }[];
    };

/**
 * "Connect your own CardDAV server": address, user name and password; the address books found on it
 * (the adapter's discovery); one picked opens as an account. The password is kept in this
 * component's state and the account object only: never in localStorage or IndexedDB.
 */
export function ConnectCardDav({ onConnect }: ConnectCardDavProps) {
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'form', problem: null, busy: false });

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const field = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const credentials: Credentials = { url: field('url').trim(), username: field('username'), password: field('password') };
    setStep({ kind: 'form', problem: null, busy: true });
    const { findAddressBooks, openRelay, ownAccount } = await ownCardDav();
    const relay = await openRelay(credentials.url);
    if (!relay.ok) {
      setStep({ kind: 'form', problem: relay.message, busy: false });
      return;
    }
    const books = await findAddressBooks(relay.value, credentials);
    setStep(
      books.ok
        ? {
            kind: 'books',
            host: new URL(relay.value.origin).host,
            credentials,
            books: books.value.map((book) => ({
              name: book.displayName,
              path: new URL(book.url).pathname,
              account: ownAccount(relay.value, credentials, book),
            })),
          }
        : { kind: 'form', problem: books.message, busy: false },
    );
  };

  return (
    <section className="connect-carddav" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Connect your own CardDAV server</h2>
      {step.kind === 'books' ? (
        <>
          <p>
            Address books of {step.credentials.username} on {step.host}:
          </p>
          <ul className="picker-list">
            {step.books.map((book) => (
              <li key={book.path}>
                <button type="button" className="picker-item" onClick={() => onConnect(book.account)}>
                  <strong>{book.name}</strong>
                  <span>{book.path}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="link" onClick={() => setStep({ kind: 'form', problem: null, busy: false })}>
            Another server or user
          </button>
        </>
      ) : (
        <form onSubmit={(event) => void submit(event)} className="connect-form">
          <p className="hint">
            A server on this machine (the demo relays to 127.0.0.1, localhost or [::1] only). The password is kept in this tab’s memory
            only: reloading asks for it again.
          </p>
          <label>
            Server address
            <input name="url" type="url" required placeholder="http://127.0.0.1:5232/" autoComplete="url" />
          </label>
          <label>
            User name
            <input name="username" required autoComplete="username" />
          </label>
          <label>
            Password
            <input name="password" type="password" required autoComplete="current-password" />
          </label>
          <button type="submit" className="primary" disabled={step.busy}>
            {step.busy ? 'Looking for address books…' : 'Find address books'}
          </button>
          {step.problem === null ? null : (
            <p role="alert" className="connect-problem">
              {step.problem}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
