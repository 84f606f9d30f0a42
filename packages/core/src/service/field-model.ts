import type { AddressType, EmailType, PhoneType } from '../model/contact.js';

/**
 * What a service can store, declared as data in the port (`ContactService.fieldModel`). The merge,
 * local validation and the app's forms all read it, so a merge never produces a contact the service
 * must refuse, and a value the service cannot store is never lost without a trace.
 */

/** A text field: whether the service stores it at all, and its longest value in UTF-16 units. */
export interface TextFieldModel {
  readonly stored: boolean;
  readonly maxLength: number;
}

/**
 * How the items of a list are recognised across versions of a contact:
 * - `set`: by their normalised value (an email by its address, a phone by its digits). Two devices
 *   that add different items both keep theirs.
 * - `slots`: by their type and position within the type (Windows Live's one Personal email, Graph's
 *   one mobile phone). A slot merges like a scalar: a one-sided change is taken; a change on both
 *   sides keeps the local value and records the remote one.
 */
export type ListIdentity = 'set' | 'slots';

export interface ListFieldModel<Type extends string> {
  readonly stored: boolean;
  readonly identity: ListIdentity;
  /**
   * The types the service accepts, each with the most items of that type a contact may hold
   * (`null`: no limit of its own). A type that is absent is refused.
   */
  readonly types: Readonly<Partial<Record<Type, number | null>>>;
  /** The most items the list may hold over all types (`null`: no limit). */
  readonly maxItems: number | null;
  /** The longest value of any text part of an item. */
  readonly maxLength: number;
}

export interface BirthdayFieldModel {
  readonly stored: boolean;
  /** Whether a birthday without a year (`--MM-DD`) can be stored. */
  readonly yearless: boolean;
}

export interface CategoriesFieldModel {
  readonly stored: boolean;
  /** The most categories on one contact (`null`: no limit). */
  readonly maxItems: number | null;
  readonly maxLength: number;
}

export interface FieldModel {
  readonly name: {
    readonly given: TextFieldModel;
    readonly middle: TextFieldModel;
    readonly family: TextFieldModel;
    readonly prefix: TextFieldModel;
    readonly suffix: TextFieldModel;
  };
  readonly nickname: TextFieldModel;
  readonly company: TextFieldModel;
  readonly jobTitle: TextFieldModel;
  readonly notes: TextFieldModel;
  readonly birthday: BirthdayFieldModel;
  readonly emails: ListFieldModel<EmailType>;
  readonly phones: ListFieldModel<PhoneType>;
  readonly addresses: ListFieldModel<AddressType>;
  readonly categories: CategoriesFieldModel;
}

const openText = (maxLength: number): TextFieldModel => ({ stored: true, maxLength });
const openList = <Type extends string>(types: readonly Type[]): ListFieldModel<Type> => ({
  stored: true,
  identity: 'set',
  types: Object.fromEntries(types.map((type) => [type, null])) as Partial<Record<Type, null>>,
  maxItems: null,
  maxLength: 1_024,
});

/**
 * A service that stores every field of the contact model, with free lists of every type: the
 * model of core's fake service, and the shape each adapter's own model narrows.
 */
export const OPEN_FIELD_MODEL: FieldModel = {
  name: { given: openText(1_024), middle: openText(1_024), family: openText(1_024), prefix: openText(1_024), suffix: openText(1_024) },
  nickname: openText(1_024),
  company: openText(1_024),
  jobTitle: openText(1_024),
  notes: openText(4_096),
  birthday: { stored: true, yearless: true },
  emails: openList(['personal', 'work', 'other']),
  phones: openList(['mobile', 'home', 'work', 'fax', 'pager', 'other']),
  addresses: openList(['home', 'work', 'other']),
  categories: { stored: true, maxItems: null, maxLength: 1_024 },
};
