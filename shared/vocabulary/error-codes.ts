// The codes an API error carries across the contract (style.md §7: a taxonomy in shared/, the
// renderer maps codes to words).
export const errorCodes = [
  'bad-input',
  'cancelled',
  'timeout',
  'dns',
  'network',
  'protocol',
  'tls',
  'internal',
  'not-available',
  /** The request did not come from the app's own window. */
  'forbidden',
  /** Too many operations are running; cancel one first. */
  'busy',
] as const

export type ErrorCode = (typeof errorCodes)[number]
