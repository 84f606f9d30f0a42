/**
 * The ETags of this client's own successful writes, by path. The next sync-collection delta lists
 * each of them (the server changed), and the engine would recognise the echo by its unchanged
 * version anyway; remembering them saves reading those cards again. Kept in memory only (a
 * reload forgets them: the echo is then read once and recognised by the engine), and bounded.
 */
export class OwnWrites {
  private readonly etags = new Map<string, string>();

  constructor(private readonly limit = 10_000) {}

  remember(path: string, etag: string): void {
    if (this.etags.size >= this.limit) this.etags.clear();
    this.etags.set(path, etag);
  }

  /** Whether `etag` at `path` is our own write's; forgets it either way. */
  isOwn(path: string, etag: string): boolean {
    const own = this.etags.get(path) === etag;
    this.etags.delete(path);
    return own;
  }
}
