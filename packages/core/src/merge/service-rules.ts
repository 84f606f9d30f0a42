import type { FieldError } from '../errors.js';
import type { ContactDraft } from '../model/contact.js';
import { validateDraft } from '../model/validate.js';
import type { ContactService } from '../service/contact-service.js';
import { OPEN_FIELD_MODEL, type FieldModel } from '../service/field-model.js';

/** One account's rules: its field model, and every check a contact must pass before it is sent. */
export interface ServiceRules {
  readonly model: FieldModel;
  /** Shared rules, the model's limits and the service's own `validate`. Pure. */
  readonly check: (draft: ContactDraft) => readonly FieldError[];
}

export function serviceRules(service: Pick<ContactService, 'fieldModel' | 'validate'>): ServiceRules {
  const model = service.fieldModel ?? OPEN_FIELD_MODEL;
  return {
    model,
    check: (draft) => [...validateDraft(draft, model), ...(service.validate?.(draft) ?? [])],
  };
}
