export type {
  Address,
  AddressType,
  Contact,
  ContactDraft,
  ContactInput,
  Email,
  EmailType,
  PersonName,
  Phone,
  PhoneType,
} from './model/contact.js';
export { ADDRESS_TYPES, EMAIL_TYPES, PHONE_TYPES } from './model/contact.js';
export { EMPTY_DRAFT, pickDraft, toDraft } from './model/draft.js';
export type {
  ContactService,
  Cursor,
  JsonValue,
  NotModified,
  PullOutcome,
  PullPage,
  PullRequest,
  PushOperation,
  PushOutcome,
  PushRequest,
  PushResults,
  RecordMeta,
  RemoteChange,
  RemoteContact,
  ServiceTraits,
  Version,
} from './service/contact-service.js';
export type {
  BirthdayFieldModel,
  CategoriesFieldModel,
  FieldModel,
  ListFieldModel,
  ListIdentity,
  TextFieldModel,
} from './service/field-model.js';
export type {
  AuthRequiredOutcome,
  FailedOutcome,
  ForbiddenOutcome,
  OfflineOutcome,
  OperationOutcome,
  OutcomeKind,
  RequestFailure,
  RetryAtOutcome,
} from './policy/outcome.js';
export { assertNever, isRequestFailure } from './policy/outcome.js';
export type { FieldError, SyncErrorCode } from './errors.js';
export { SyncError } from './errors.js';
export type {
  ConflictChoice,
  ConflictField,
  ConflictKind,
  ConflictRecord,
  ContactSyncState,
  Logger,
  RejectedWrite,
  LockManagerLike,
  SyncEngineOptions,
  SyncOptions,
  SyncOutcome,
  SyncPhase,
  SyncReport,
  SyncStatus,
} from './engine/types.js';
export { createSyncEngine } from './engine/create-sync-engine.js';
export type { CreateSyncEngineOptions, PendingChange, SyncEngine } from './engine/create-sync-engine.js';
export type { ContactPatch } from './replica/local-writes.js';
export type { AutoSyncEnvironment, AutoSyncOptions } from './engine/auto-sync.js';
export type { RetryDecision, RetryPolicyOptions } from './policy/retry-policy.js';
export { DEFAULT_RETRY_POLICY, decideRetry } from './policy/retry-policy.js';
export { openReplicaView } from './replica/replica-view.js';
export type { ContactWithState, ReplicaView } from './replica/replica-view.js';
export { validateDraft } from './model/validate.js';
