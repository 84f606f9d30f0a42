import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { validateDraft, type ContactDraft, type FieldError, type FieldModel } from '@contactsync/core';
import { joinBirthday, type BirthdayParts } from '../model/birthday-parts';
import { errorsOnScreen, setNamePart, setScalar, withoutEmptyRows } from '../model/draft-edit';
import { shownField } from '../model/field-offer';
import { clockTime } from '../model/format-time';
import type { WorkerError } from '../worker/protocol';
import { BirthdayField } from './birthday-field';
import { TextField } from './form-controls';
import { AddressesSection, CategoriesSection, EmailsSection, PhonesSection } from './list-sections';

/** What the form holds: the draft as typed, and the birthday as its parts. */
export interface FormState {
  readonly draft: ContactDraft;
  readonly birthday: BirthdayParts;
}

export interface ContactFormProps {
  readonly title: string;
  readonly initial: FormState;
  /** When the form reopened edits kept from before (another contact, a tab, a reload): when. */
  readonly restoredFrom: number | null;
  /** Whether `initial` already differs from the stored contact (a restored draft). */
  readonly dirtyAtStart: boolean;
  /** Called on every change, so the caller can keep it (see `kept-drafts.ts`). */
  readonly onKeep: (state: FormState) => void;
  /** Saves the draft; resolves to null, or to the engine's error (field errors from its rules). */
  readonly onSave: (draft: ContactDraft) => Promise<WorkerError | null>;
  /** Leaves the form and forgets what was typed in it. */
  readonly onCancel: () => void;
  /**
   * The account's field model (null until the worker sends it): the form offers only what the
   * service accepts, and core's rules run with it as the engine runs them.
   */
  readonly model: FieldModel | null;
  /** Paths of this contact's values the service cannot store: shown, marked "only on this device". */
  readonly deviceOnly: readonly string[];
  /** The service's own rules (the adapter's `validate`, run by the engine worker). */
  readonly checkServiceRules: (draft: ContactDraft) => Promise<readonly FieldError[]>;
}

/** Where a summary link for an error path moves focus. */
function focusPath(form: HTMLFormElement | null, path: string): void {
  const target = path === 'name' ? 'name.given' : /^addresses\.\d+$/.test(path) ? `${path}.street` : path;
  form?.querySelector<HTMLElement>(`[data-path="${target}"]`)?.focus();
}

/** Each message once: the engine reports core's rules again beside the service's. */
function distinct(errors: readonly FieldError[]): FieldError[] {
  const byKey = new Map<string, FieldError>();
  for (const error of errors) byKey.set(`${error.path}\n${error.message}`, error);
  return [...byKey.values()];
}

/**
 * Create or edit a contact. Once you have tried to save, the rules are checked as you type: core's
 * shared ones (`validateDraft`, as the engine applies them) here, the service's own through the
 * engine worker; saving checks both again. Whatever happens, the form keeps what was typed until it
 * is saved or cancelled.
 */
export function ContactForm({
  title,
  initial,
  restoredFrom,
  dirtyAtStart,
  onKeep,
  onSave,
  onCancel,
  checkServiceRules,
  model,
  deviceOnly,
}: ContactFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial.draft);
  const [birthday, setBirthday] = useState(initial.birthday);
  const [dirty, setDirty] = useState(dirtyAtStart);
  const [attempted, setAttempted] = useState(false);
  const [serviceErrors, setServiceErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const joined = useMemo(() => joinBirthday(birthday), [birthday]);
  // The draft as it would be saved: the birthday joined from its parts (kept as it was while partial,
  // so the shared rules are not misled; the partial input is an error of its own).
  const toSave = useMemo(
    () => withoutEmptyRows({ ...draft, birthday: joined.ok ? joined.value : initial.draft.birthday }),
    [draft, joined, initial.draft.birthday],
  );
  const localErrors = useMemo(() => {
    const errors = errorsOnScreen(draft, validateDraft(toSave, model ?? undefined));
    return joined.ok ? errors : [{ path: 'birthday', message: joined.message }, ...errors.filter((e) => e.path !== 'birthday')];
  }, [draft, toSave, joined, model]);
  const shown = attempted ? distinct([...localErrors, ...serviceErrors]) : [];

  useEffect(() => {
    if (!attempted) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      checkServiceRules(toSave).then(
        (errors) => current && setServiceErrors(errorsOnScreen(draft, errors)),
        () => undefined, // no engine to ask (yet): saving checks again
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [attempted, draft, toSave, checkServiceRules]);

  // The first field takes focus when the form opens, so typing can start at once.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);
  const errorsAt = (path: string): string[] => shown.filter((e) => e.path === path).map((e) => e.message);

  const change = (next: ContactDraft): void => {
    setDraft(next);
    setDirty(true);
    onKeep({ draft: next, birthday });
  };
  const changeBirthday = (next: BirthdayParts): void => {
    setBirthday(next);
    setDirty(true);
    onKeep({ draft, birthday: next });
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setAttempted(true);
    setFailure(null);
    if (localErrors.length > 0) {
      form.current?.querySelector<HTMLElement>('.form-summary')?.focus();
      return;
    }
    setSaving(true);
    const error = await onSave(toSave);
    setSaving(false);
    if (error === null) return;
    if (error.fieldErrors.length > 0) setServiceErrors(errorsOnScreen(draft, error.fieldErrors));
    else setFailure(error.userMessage);
  };

  // A field the service does not store is shown only when the contact already holds a value in it.
  const shows = (stored: boolean | undefined, path: string): boolean => stored === undefined || shownField(stored, path, deviceOnly);
  const noteFor = (path: string): { note?: string } => (deviceOnly.includes(path) ? { note: 'only on this device' } : {});
  const listProps = (key: 'emails' | 'phones' | 'addresses' | 'categories') => ({
    draft,
    onChange: change,
    errorsAt,
    model,
    deviceOnly: deviceOnly.includes(key),
  });

  const nameInputs = [
    ['prefix', 'Prefix'],
    ['given', 'First name'],
    ['middle', 'Middle name'],
    ['family', 'Last name'],
    ['suffix', 'Suffix'],
  ] as const;
  const scalarInputs = [
    ['nickname', 'Nickname'],
    ['company', 'Company'],
    ['jobTitle', 'Job title'],
  ] as const;

  return (
    <form ref={form} className="contact-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="form-title">
      <div className="form-header">
        <h2 id="form-title">{title}</h2>
        {dirty ? (
          <span className="badge badge-draft" data-testid="unsaved-marker">
            Unsaved changes
          </span>
        ) : null}
      </div>
      {restoredFrom === null ? null : (
        <p className="restored-note" role="status" data-testid="restored-note">
          Your unsaved changes from {clockTime(restoredFrom)} were kept on this device. Save them, or discard them.
        </p>
      )}
      {shown.length > 0 ? (
        <div className="form-summary" role="alert" tabIndex={-1}>
          <p>{shown.length === 1 ? 'One thing to fix before saving:' : `${shown.length} things to fix before saving:`}</p>
          <ul>
            {shown.map((error, i) => (
              <li key={`${error.path}-${i}`}>
                <a
                  href={`#${error.path}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusPath(form.current, error.path);
                  }}
                >
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {failure === null ? null : (
        <p className="form-failure" role="alert">
          {failure} Nothing you typed was lost.
        </p>
      )}
      <fieldset className="name-fields">
        <legend>Name</legend>
        {nameInputs
          .filter(([part]) => shows(model?.name[part].stored, `name.${part}`))
          .map(([part, label]) => (
            <TextField
              key={part}
              {...noteFor(`name.${part}`)}
              label={label}
              path={`name.${part}`}
              errors={errorsAt(`name.${part}`)}
              value={draft.name[part]}
              onChange={(value) => change(setNamePart(draft, part, value))}
              autoComplete="off"
            />
          ))}
      </fieldset>
      <div className="scalar-fields">
        {scalarInputs
          .filter(([key]) => shows(model?.[key].stored, key))
          .map(([key, label]) => (
            <TextField
              key={key}
              {...noteFor(key)}
              label={label}
              path={key}
              errors={errorsAt(key)}
              value={draft[key]}
              onChange={(value) => change(setScalar(draft, key, value))}
            />
          ))}
      </div>
      {shows(model?.birthday.stored, 'birthday') ? (
        <BirthdayField
          value={birthday}
          errors={errorsAt('birthday')}
          onChange={changeBirthday}
          {...(model === null ? {} : { yearless: model.birthday.yearless })}
        />
      ) : null}
      {shows(model?.emails.stored, 'emails') ? <EmailsSection {...listProps('emails')} /> : null}
      {shows(model?.phones.stored, 'phones') ? <PhonesSection {...listProps('phones')} /> : null}
      {shows(model?.addresses.stored, 'addresses') ? <AddressesSection {...listProps('addresses')} /> : null}
      {shows(model?.categories.stored, 'categories') ? <CategoriesSection {...listProps('categories')} /> : null}
      {shows(model?.notes.stored, 'notes') ? (
        <TextField
          label="Notes"
          path="notes"
          multiline
          {...noteFor('notes')}
          errors={errorsAt('notes')}
          value={draft.notes}
          onChange={(value) => change(setScalar(draft, 'notes', value))}
        />
      ) : null}
      <div className="actions sticky-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          {dirty ? 'Discard changes' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
