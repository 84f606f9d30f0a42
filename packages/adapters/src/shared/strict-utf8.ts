const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A response body as text, or null when it is not valid UTF-8. `Response.text()` would replace bad
 * bytes with U+FFFD and let a corrupted name into the replica; a body that is not UTF-8 is a
 * malformed answer instead (the Yahoo seed's 70040 says the same of requests).
 */
export function strictUtf8(bytes: ArrayBuffer): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}
