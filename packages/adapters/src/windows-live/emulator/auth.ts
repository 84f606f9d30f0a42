import { randomBytes } from 'node:crypto';

/**
 * DelegatedToken authentication (docs/windows-live.md §1.1). Tokens are opaque strings minted by the
 * emulator, each for one lid, with a read-write or read-only grant.
 */

export interface Grant {
  readonly lid: string;
  readonly readOnly: boolean;
}

export type AuthResult =
  | { readonly ok: true; readonly token: string; readonly grant: Grant }
  /** The three 401 causes the seed document names. */
  | { readonly ok: false; readonly cause: 'missing-caller-id' | 'invalid-caller-id' | 'family-safety' };

const HEADER = /^DelegatedToken\s+dt="([^"]+)"\s*$/i;

export class Tokens {
  private readonly grants = new Map<string, Grant>();

  mint(grant: Grant, token: string = randomBytes(18).toString('base64url')): string {
    this.grants.set(token, { lid: grant.lid.toLowerCase(), readOnly: grant.readOnly });
    return token;
  }

  revoke(token: string): void {
    this.grants.delete(token);
  }

  /** Checks `Authorization` for the book `lid` (null: the path named no valid book). */
  check(header: string | undefined, lid: string | null, familySafety: boolean): AuthResult {
    const token = header === undefined ? undefined : HEADER.exec(header)?.[1];
    if (token === undefined) return { ok: false, cause: 'missing-caller-id' };
    const grant = this.grants.get(token);
    if (grant === undefined || lid === null || grant.lid !== lid) return { ok: false, cause: 'invalid-caller-id' };
    if (familySafety) return { ok: false, cause: 'family-safety' };
    return { ok: true, token, grant };
  }
}
