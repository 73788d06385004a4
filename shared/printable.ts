// The one place server-provided text is made safe to show (issue 14, items 8 and 9). A hostile
// server's words reach terminals, progress lines, reports and the window; none of them may move a
// cursor, set a window title, ring a bell or hide text. Every C0 control (U+0000–U+001F), DEL
// (U+007F) and C1 control (U+0080–U+009F: CSI U+009B and OSC U+009D act like ESC [ and ESC ])
// is replaced, as are the bidirectional overrides that can reorder what a line appears to say.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
// eslint-disable-next-line no-control-regex
const UNSAFE_ANY = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** Replace every control character with "?"; line breaks become " | " unless `keepLines`. */
export function printable(text: string, keepLines = false): string {
  return keepLines ? text.replace(UNSAFE, '?') : text.replace(/\r?\n/g, ' | ').replace(UNSAFE_ANY, '?')
}

/** One printable line of at most `max` characters ("…" marks a cut); null/empty → `empty`. */
export function printableLine(text: string | null | undefined, max: number, empty = '-'): string {
  if (typeof text !== 'string' || text === '') return empty
  const clean = printable(text)
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}
