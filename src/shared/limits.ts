/**
 * Field limits shared by the API schemas and the web forms. Kept free of zod so the browser bundle can
 * import them without the validator.
 */
export const LIMITS = {
  nameMax: 30,
  orgNameMax: 60,
  noteMax: 500,
  phone: /^1\d{10}$/,
  passwordMin: 8,
  pageSizeMax: 200,
  /** Lists count matching rows up to this many and then say "10,000+": an exact count of millions costs seconds. */
  countCap: 10_000,
} as const;

/** Meeting records: limits shared by the API and the web forms. */
export const MEETING_LIMITS = {
  titleMax: 100,
  placeMax: 100,
  personMax: LIMITS.nameMax,
  topicMax: 200,
  textMax: 20_000,
  guestsMax: 50,
  votesMax: 20,
  attachmentBytes: 20 * 1024 * 1024,
  calendarDaysMax: 400,
} as const;
