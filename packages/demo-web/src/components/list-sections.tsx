import type { ReactNode } from 'react';
import { ADDRESS_TYPES, EMAIL_TYPES, PHONE_TYPES, type ContactDraft, type FieldModel } from '@contactsync/core';
import { addItem, removeItem, setItem, type ListKey } from '../model/draft-edit';
import { addTypedItem, offeredTypes } from '../model/field-offer';
import { SelectField, TextField } from './form-controls';

export interface ListSectionProps {
  readonly draft: ContactDraft;
  readonly onChange: (draft: ContactDraft) => void;
  /** Messages for a draft path (exact match). */
  readonly errorsAt: (path: string) => readonly string[];
  /** The account's field model, once known: the types offered and the room left come from it. */
  readonly model?: FieldModel | null;
  /** Marked "only on this device" (the service does not store this list). */
  readonly deviceOnly?: boolean;
}

function Section({
  title,
  kind,
  draft,
  onChange,
  model,
  deviceOnly,
  children,
}: ListSectionProps & { readonly title: string; readonly kind: ListKey; readonly children: ReactNode }) {
  const singular = { emails: 'email', phones: 'phone', addresses: 'address', categories: 'category' }[kind];
  const add = (): ContactDraft => {
    if (model === null || model === undefined) return addItem(draft, kind);
    if (kind === 'categories')
      return model.categories.maxItems !== null && draft.categories.length >= model.categories.maxItems ? draft : addItem(draft, kind);
    return addTypedItem(draft, kind, model);
  };
  const next = add();
  // No type has room left (or the list is at its cap): the service would refuse one more.
  const full = next === draft;
  return (
    <fieldset className="list-section">
      <legend>
        {title}
        {deviceOnly === true ? <span className="device-only"> (only on this device)</span> : null}
      </legend>
      {children}
      <button type="button" onClick={() => onChange(next)} disabled={full || deviceOnly === true}>
        Add {singular}
      </button>
      {full ? <p className="hint">This service keeps no more {title.toLowerCase()} on a contact.</p> : null}
    </fieldset>
  );
}

function RemoveButton({ label, onClick }: { readonly label: string; readonly onClick: () => void }) {
  return (
    <button type="button" className="remove" aria-label={label} onClick={onClick}>
      Remove
    </button>
  );
}

export function EmailsSection(props: ListSectionProps) {
  const { draft, onChange, errorsAt } = props;
  return (
    <Section {...props} title="Emails" kind="emails">
      {draft.emails.map((email, i) => (
        <div className="list-row" key={i}>
          <SelectField
            label={`Email ${i + 1} type`}
            path={`emails.${i}.type`}
            errors={errorsAt(`emails.${i}.type`)}
            value={email.type}
            options={props.model ? offeredTypes(props.model.emails, email.type) : EMAIL_TYPES}
            onChange={(type) => onChange(setItem(draft, 'emails', i, { ...email, type }))}
          />
          <TextField
            label={`Email ${i + 1} address`}
            path={`emails.${i}.address`}
            type="email"
            errors={errorsAt(`emails.${i}.address`)}
            value={email.address}
            onChange={(address) => onChange(setItem(draft, 'emails', i, { ...email, address }))}
          />
          <RemoveButton label={`Remove email ${i + 1}`} onClick={() => onChange(removeItem(draft, 'emails', i))} />
        </div>
      ))}
    </Section>
  );
}

export function PhonesSection(props: ListSectionProps) {
  const { draft, onChange, errorsAt } = props;
  return (
    <Section {...props} title="Phones" kind="phones">
      {draft.phones.map((phone, i) => (
        <div className="list-row" key={i}>
          <SelectField
            label={`Phone ${i + 1} type`}
            path={`phones.${i}.type`}
            errors={errorsAt(`phones.${i}.type`)}
            value={phone.type}
            options={props.model ? offeredTypes(props.model.phones, phone.type) : PHONE_TYPES}
            onChange={(type) => onChange(setItem(draft, 'phones', i, { ...phone, type }))}
          />
          <TextField
            label={`Phone ${i + 1} number`}
            path={`phones.${i}.number`}
            type="tel"
            errors={errorsAt(`phones.${i}.number`)}
            value={phone.number}
            onChange={(number) => onChange(setItem(draft, 'phones', i, { ...phone, number }))}
          />
          <RemoveButton label={`Remove phone ${i + 1}`} onClick={() => onChange(removeItem(draft, 'phones', i))} />
        </div>
      ))}
    </Section>
  );
}

const ADDRESS_PARTS = [
  ['street', 'Street'],
  ['city', 'City'],
  ['region', 'Region'],
  ['postalCode', 'Postal code'],
  ['country', 'Country'],
] as const;

export function AddressesSection(props: ListSectionProps) {
  const { draft, onChange, errorsAt } = props;
  return (
    <Section {...props} title="Addresses" kind="addresses">
      {draft.addresses.map((address, i) => (
        <div className="list-row address-row" key={i} role="group" aria-label={`Address ${i + 1}`}>
          <SelectField
            label={`Address ${i + 1} type`}
            path={`addresses.${i}.type`}
            errors={[...errorsAt(`addresses.${i}`), ...errorsAt(`addresses.${i}.type`)]}
            value={address.type}
            options={props.model ? offeredTypes(props.model.addresses, address.type) : ADDRESS_TYPES}
            onChange={(type) => onChange(setItem(draft, 'addresses', i, { ...address, type }))}
          />
          {ADDRESS_PARTS.map(([part, label]) => (
            <TextField
              key={part}
              label={label}
              path={`addresses.${i}.${part}`}
              errors={errorsAt(`addresses.${i}.${part}`)}
              value={address[part]}
              onChange={(value) => onChange(setItem(draft, 'addresses', i, { ...address, [part]: value }))}
            />
          ))}
          <RemoveButton label={`Remove address ${i + 1}`} onClick={() => onChange(removeItem(draft, 'addresses', i))} />
        </div>
      ))}
    </Section>
  );
}

export function CategoriesSection(props: ListSectionProps) {
  const { draft, onChange, errorsAt } = props;
  return (
    <Section {...props} title="Categories" kind="categories">
      {draft.categories.map((category, i) => (
        <div className="list-row" key={i}>
          <TextField
            label={`Category ${i + 1}`}
            path={`categories.${i}`}
            errors={errorsAt(`categories.${i}`)}
            value={category}
            onChange={(value) => onChange(setItem(draft, 'categories', i, value))}
          />
          <RemoveButton label={`Remove category ${i + 1}`} onClick={() => onChange(removeItem(draft, 'categories', i))} />
        </div>
      ))}
    </Section>
  );
}
