const two = (n: number): string => String(n).padStart(2, '0');

/** `hh:mm:ss` in local time (the form the "waiting until" line promises). */
export function clockTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** A date and time for "last synced": the time alone when it is today. */
export function whenText(epochMs: number, now = Date.now()): string {
  const date = new Date(epochMs);
  const today = new Date(now);
  const sameDay = date.toDateString() === today.toDateString();
  return sameDay ? clockTime(epochMs) : `${date.toLocaleDateString()} ${clockTime(epochMs)}`;
}

// One formatter for every count: `toLocaleString` builds a new one per call (measured at ~70 ms over a
// first sync's renders in Chromium).
const COUNT = new Intl.NumberFormat('en-US');
export const countText = (n: number): string => COUNT.format(n);
