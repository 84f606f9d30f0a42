/** The emulator's limits (docs/yahoo.md §2.5 rules); every one can be lowered for a test. */
export interface EmulatorLimits {
  /** -40038 */
  readonly maxContacts: number;
  /** -40039 */
  readonly maxFieldsPerContact: number;
  /** -40048 */
  readonly maxCategoriesPerContact: number;
  /** -40049 */
  readonly maxCategories: number;
  /** -40040: category memberships summed over the whole book. */
  readonly maxCategoryMemberships: number;
  /** -40014: characters per value or part. */
  readonly maxValueLength: number;
  /** -40020 */
  readonly maxCategoryNameLength: number;
  /** -40015 */
  readonly maxCustomTitleLength: number;
  /** -40009: flags set on one field. */
  readonly maxFlagsPerField: number;
  /** How long change history is kept before an old `myrev` gets `address-book-reset` (§2.2). */
  readonly historyMs: number;
  /** Larger request bodies are refused with 80040. */
  readonly maxBodyBytes: number;
}

export const DEFAULT_LIMITS: EmulatorLimits = {
  maxContacts: 5000,
  maxFieldsPerContact: 100,
  maxCategoriesPerContact: 50,
  maxCategories: 200,
  maxCategoryMemberships: 20_000,
  maxValueLength: 1024,
  maxCategoryNameLength: 64,
  maxCustomTitleLength: 64,
  maxFlagsPerField: 2,
  historyMs: 30 * 24 * 60 * 60 * 1000,
  maxBodyBytes: 16 * 1024 * 1024,
};
