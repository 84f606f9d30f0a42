import { useEffect, useState } from 'react';

const PREFIX = 'contactsync-demo:';

/** `useState` kept in localStorage under `key`, checked by `isValue` when read back. */
export function usePersistentState<T>(key: string, initial: T, isValue: (value: unknown) => value is T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(PREFIX + key) ?? 'null');
      return isValue(stored) ? stored : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the place is not remembered, nothing else is affected.
    }
  }, [key, value]);
  return [value, setValue];
}
