import { useEffect, useState } from 'react';
import type { FieldModel } from '@contactsync/core';
import type { EngineClient } from './engine-client';

/**
 * The open account's field model, from the engine worker (null until it answers). A reply for
 * another account (one that crossed an account switch) is ignored.
 */
export function useFieldModel(client: EngineClient, databaseName: string): FieldModel | null {
  const [known, setKnown] = useState<{ readonly databaseName: string; readonly model: FieldModel } | null>(null);
  useEffect(() => {
    let current = true;
    let have = false;
    let asking = false;
    // Asked again on each status until it answers: a child's effect runs before the screen's
    // `open`, so the first question may reach a worker with no engine open yet.
    const ask = (): void => {
      if (have || asking) return;
      asking = true;
      client.call('fieldModel').then(
        (answer) => {
          asking = false;
          if (!current || answer.databaseName !== databaseName) return;
          have = true;
          setKnown(answer);
        },
        () => {
          asking = false; // no engine open yet: the form offers every type until it is
        },
      );
    };
    ask();
    const unsubscribe = client.subscribeStatus(ask);
    return () => {
      current = false;
      unsubscribe();
    };
  }, [client, databaseName]);
  return known?.databaseName === databaseName ? known.model : null;
}

/** Paths of a contact's values its service cannot store (empty for a new contact or until known). */
export function useDeviceOnlyFields(client: EngineClient, contactId: string | null): readonly string[] {
  const [known, setKnown] = useState<{ readonly id: string; readonly paths: readonly string[] } | null>(null);
  useEffect(() => {
    if (contactId === null) return undefined;
    let current = true;
    client.call('deviceOnlyFields', contactId).then(
      (paths) => {
        if (current) setKnown({ id: contactId, paths });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, contactId]);
  return known !== null && known.id === contactId ? known.paths : [];
}
