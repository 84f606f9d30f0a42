import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactWithState } from '@contactsync/core';

/** How long a delete can be undone before it is made (and then synced). */
export const UNDO_MS = 8_000;

/**
 * Deletes with an undo: the contact disappears from the screen at once, and the delete is made only
 * when the undo time is over, another contact is deleted, or the page is hidden or left. Undo
 * therefore never has to re-create a contact (with a new server id): the delete simply never happened.
 */
export function useUndoableDelete(remove: (id: string) => Promise<void>) {
  const [deleted, setDeleted] = useState<ContactWithState | null>(null);
  const pending = useRef<{ contact: ContactWithState; timer: ReturnType<typeof setTimeout> } | null>(null);

  const flush = useCallback(() => {
    const current = pending.current;
    if (current === null) return;
    clearTimeout(current.timer);
    pending.current = null;
    setDeleted(null);
    void remove(current.contact.id);
  }, [remove]);

  const start = (contact: ContactWithState): void => {
    flush();
    pending.current = { contact, timer: setTimeout(flush, UNDO_MS) };
    setDeleted(contact);
  };

  const undo = (): ContactWithState | null => {
    const current = pending.current;
    if (current === null) return null;
    clearTimeout(current.timer);
    pending.current = null;
    setDeleted(null);
    return current.contact;
  };

  useEffect(() => {
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return { deleted, start, undo };
}
