import type { ContactDraft } from '@contactsync/core';
import type { ChildRefs, CompanyRef } from './child-refs.js';
import { companyOnlyLocation } from './mapping.js';
import type { WireLocation } from './wire.js';

/**
 * How an update moves the company, which lives on a location (docs/windows-live.md, "Company"):
 * a changed name is a PUT of that location's `CompanyName`; a cleared one empties it on an address
 * or deletes a location that held only the company; a company with no location left to hold it
 * gets a `Business` location of its own. Pure.
 */
export interface CompanyPlan {
  readonly kind: 'company';
  /** New `CompanyName` values of existing locations, by location id. */
  readonly changes: ReadonlyMap<string, string>;
  /** A company-only location to delete. */
  readonly removal: string | null;
  /** A company-only location to create. */
  readonly addition: WireLocation | null;
  /** Where the company is after the update (an addition's id is filled in when its POST answers). */
  readonly ref: CompanyRef | undefined;
}

export interface AddressPairing {
  /** For each new address, the base address it continues, or null. */
  readonly baseOf: readonly (number | null)[];
  readonly removed: readonly number[];
}

const none = (ref: CompanyRef | undefined): CompanyPlan => ({ kind: 'company', changes: new Map(), removal: null, addition: null, ref });
const ownLocation = (company: string): CompanyPlan => ({
  kind: 'company',
  changes: new Map(),
  removal: null,
  addition: companyOnlyLocation(company),
  ref: { id: null, address: null },
});

export function planCompany(
  base: ContactDraft,
  next: ContactDraft,
  refs: ChildRefs,
  addresses: AddressPairing,
): CompanyPlan | { readonly kind: 'needs-ids' } {
  const carrier = refs.company;
  const carrierRemoved = carrier?.address != null && addresses.removed.includes(carrier.address);
  const movedTo = carrier?.address == null ? null : addresses.baseOf.indexOf(carrier.address);
  const kept: CompanyRef | undefined =
    carrier === undefined || carrierRemoved ? undefined : { id: carrier.id, address: movedTo === null || movedTo < 0 ? null : movedTo };

  if (base.company === next.company) {
    if (next.company === '' || kept !== undefined) return none(kept);
    // The address that held the company is going; without a location the company would be lost.
    // (No carrier at all: a legacy `Professional/CompanyName`, which stays as it is.)
    return carrierRemoved ? ownLocation(next.company) : none(undefined);
  }
  if (kept === undefined) return next.company === '' ? none(undefined) : ownLocation(next.company);
  if (kept.id === null) return { kind: 'needs-ids' };
  if (next.company !== '')
    return { kind: 'company', changes: new Map([[kept.id, next.company]]), removal: null, addition: null, ref: kept };
  if (kept.address === null) return { kind: 'company', changes: new Map(), removal: kept.id, addition: null, ref: undefined };
  return { kind: 'company', changes: new Map([[kept.id, '']]), removal: null, addition: null, ref: undefined };
}
