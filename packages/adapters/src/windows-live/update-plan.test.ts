import { toDraft, type ContactDraft } from '@contactsync/core';
import { describe, expect, it } from 'vitest';
import { unknownRefs, type ChildRefs } from './child-refs.js';
import { planUpdate, type UpdatePlan } from './update-plan.js';

const base = toDraft({
  name: { given: 'Ada', family: 'Lovelace' },
  notes: 'n',
  emails: [
    { type: 'personal', address: 'ada@home.org' },
    { type: 'work', address: 'ada@work.org' },
  ],
  phones: [{ type: 'mobile', number: '1' }],
  addresses: [{ type: 'home', city: 'London' }],
  categories: ['Friends'],
});
const refs: ChildRefs = {
  emails: [
    { id: 'e1', type: 'Personal' },
    { id: 'e2', type: 'Business' },
  ],
  phones: ['p1'],
  locations: ['l1'],
};

function plan(next: ContactDraft, r: ChildRefs = refs): UpdatePlan {
  const p = planUpdate(base, r, next);
  if (p.kind !== 'plan') throw new Error('needs ids');
  return p;
}

describe('planUpdate', () => {
  it('sends only the changed scalar elements', () => {
    const p = plan({ ...base, name: { ...base.name, family: 'King' }, jobTitle: 'Analyst', notes: '' });
    expect(p.put).toEqual({ Profiles: { Personal: { LastName: 'King' }, Professional: { JobTitle: 'Analyst' } }, Notes: '' });
    expect(p.removals).toEqual([]);
    expect(p.additions).toEqual([]);
    expect(p.refs).toEqual(refs);
  });

  it('puts a changed email address by ID, without its create-only type', () => {
    const p = plan({ ...base, emails: [{ type: 'personal', address: 'ada@new.org' }, base.emails[1]!] });
    expect(p.put).toEqual({ Emails: [{ ID: 'e1', Address: 'ada@new.org' }] });
  });

  it('turns an email type change into a removal and an addition', () => {
    const p = plan({ ...base, emails: [{ type: 'other', address: 'ada@home.org' }, base.emails[1]!] });
    expect(p.put).toEqual({});
    expect(p.removals).toEqual([{ collection: 'Emails', id: 'e1' }]);
    expect(p.additions).toEqual([{ collection: 'Emails', child: { EmailType: 'Other', Address: 'ada@home.org' }, position: 0 }]);
    expect(p.refs.emails).toEqual([null, { id: 'e2', type: 'Business' }]);
    expect(p.empty).toBe(false);
  });

  it('changes a phone or address in place, type included, and adds and removes the rest', () => {
    const p = plan({
      ...base,
      phones: [
        { type: 'work', number: '2' },
        { type: 'fax', number: '3' },
      ],
      addresses: [],
    });
    expect(p.put).toEqual({ Phones: [{ ID: 'p1', PhoneType: 'Business', Number: '2' }] });
    expect(p.additions).toEqual([{ collection: 'Phones', child: { PhoneType: 'Fax', Number: '3' }, position: 1 }]);
    expect(p.removals).toEqual([{ collection: 'Locations', id: 'l1' }]);
  });

  it('sends the whole tag list when categories change', () => {
    expect(plan({ ...base, categories: ['Friends', 'Work'] }).put).toEqual({ Tags: ['Friends', 'Work'] });
    expect(plan({ ...base, categories: [] }).put).toEqual({ Tags: [] });
  });

  it('is empty when only unsupported fields changed', () => {
    const p = plan({ ...base, name: { ...base.name, prefix: 'Lady' } });
    expect(p.empty).toBe(true);
  });

  it('needs ids only when a child it must address has none', () => {
    expect(planUpdate(base, unknownRefs(base), { ...base, notes: 'x' }).kind).toBe('plan');
    expect(planUpdate(base, unknownRefs(base), { ...base, phones: [...base.phones, { type: 'fax', number: '9' }] }).kind).toBe('plan');
    expect(planUpdate(base, unknownRefs(base), { ...base, phones: [] }).kind).toBe('needs-ids');
    expect(planUpdate(base, unknownRefs(base), { ...base, emails: [{ type: 'personal', address: 'x@y.org' }, base.emails[1]!] }).kind).toBe(
      'needs-ids',
    );
  });

  it('names a wire email type the result would hold twice', () => {
    expect(plan({ ...base, emails: [...base.emails, { type: 'personal', address: 'b@x.org' }] }).duplicateEmailType).toBe('Personal');
    const liveId: ChildRefs = {
      ...refs,
      emails: [
        { id: 'e1', type: 'WindowsLiveID' },
        { id: 'e2', type: 'Business' },
      ],
    };
    const withOther = planUpdate({ ...base, emails: [{ type: 'other', address: 'live@x.org' }, base.emails[1]!] }, liveId, {
      ...base,
      emails: [{ type: 'other', address: 'live@x.org' }, base.emails[1]!, { type: 'other', address: 'o@x.org' }],
    });
    expect(withOther.kind === 'plan' && withOther.duplicateEmailType).toBeNull();
  });

  // Revised contract: the company lives on a location (docs/windows-live.md, "Company").
  it('gives a new company a Business location of its own when there is no work address', () => {
    const p = plan({ ...base, company: 'AE' });
    expect(p.put).toEqual({});
    expect(p.additions).toEqual([{ collection: 'Locations', child: { LocationType: 'Business', CompanyName: 'AE' }, position: 'company' }]);
    expect(p.refs.company).toEqual({ id: null, address: null });
  });

  it('renames the company on the location that holds it, and clears or deletes it', () => {
    const withCompany = { ...base, company: 'AE' };
    const onOwn: ChildRefs = { ...refs, company: { id: 'lc', address: null } };
    const rename = planUpdate(withCompany, onOwn, { ...withCompany, company: 'Engines' });
    expect(rename.kind === 'plan' && rename.put).toEqual({ Locations: [{ ID: 'lc', CompanyName: 'Engines' }] });
    const cleared = planUpdate(withCompany, onOwn, { ...withCompany, company: '' });
    expect(cleared.kind === 'plan' && [cleared.put, cleared.removals, cleared.refs.company]).toEqual([
      {},
      [{ collection: 'Locations', id: 'lc' }],
      undefined,
    ]);

    const onAddress: ChildRefs = { ...refs, company: { id: 'l1', address: 0 } };
    const moved = planUpdate(withCompany, onAddress, {
      ...withCompany,
      company: 'Engines',
      addresses: [{ ...withCompany.addresses[0]!, city: 'Paris' }],
    });
    expect(moved.kind === 'plan' && moved.put).toEqual({ Locations: [{ ID: 'l1', PrimaryCity: 'Paris', CompanyName: 'Engines' }] });
    const emptied = planUpdate(withCompany, onAddress, { ...withCompany, company: '' });
    expect(emptied.kind === 'plan' && emptied.put).toEqual({ Locations: [{ ID: 'l1', CompanyName: '' }] });
    const addressGone = planUpdate(withCompany, onAddress, { ...withCompany, addresses: [] });
    expect(addressGone.kind === 'plan' && [addressGone.removals, addressGone.additions.map((a) => a.child)]).toEqual([
      [{ collection: 'Locations', id: 'l1' }],
      [{ LocationType: 'Business', CompanyName: 'AE' }],
    ]);
  });

  it('reads the contact first when the company location id is unknown', () => {
    const withCompany = { ...base, company: 'AE' };
    expect(planUpdate(withCompany, { ...refs, company: { id: null, address: null } }, { ...withCompany, company: 'B' }).kind).toBe(
      'needs-ids',
    );
  });
});
