/** The inbox's user-facing texts, written once for the pull and the push paths alike. */
export const CONFLICT_MESSAGES = {
  overwritten: "This contact was changed here and on another device. Your values were kept; the other device's values can be restored.",
  recreated: 'This contact was deleted on another device after you edited it here, so it was restored with your changes.',
  deleteUndone: 'You deleted this contact, but it was changed on another device meanwhile, so it was kept with those changes.',
  discarded: 'You discarded your change to this contact. Your values are kept here in case you want them back.',
  unresolved: 'This contact keeps changing on another device, so your changes could not be saved yet. They are kept here; try again later.',
} as const;
