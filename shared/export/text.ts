// Text checks and display helpers shared by the exporters. Settings fields must be plain one-line
// text: a line break, NUL or other control character in a name or host is never legitimate and
// would let a value break out of a line-based format (user.js, PRF) or an XML text node.

/** Why `text` cannot go into a settings field, or null when it can. */
export function textProblem(text: string): string | null {
  if (/[\r\n]/.test(text)) return 'contains a line break (CR/LF)'
  if (text.includes('\0')) return 'contains a NUL byte'
  // eslint-disable-next-line no-control-regex
  if (/[\x01-\x1f\x7f-\x9f]/.test(text)) return 'contains a control character'
  // Line and paragraph separators end a line in JavaScript-like formats (user.js).
  if (/[\u2028\u2029]/.test(text)) return 'contains a Unicode line separator'
  // Bidirectional overrides make displayed text differ from its content (CVE-2021-42574).
  if (/[\u202a-\u202e\u2066-\u2069]/.test(text)) return 'contains a bidirectional-override character'
  return null
}

/**
 * Report text comes from servers and networks (banners, notes), so it may hold anything. For
 * display, control characters become visible `\xNN` escapes instead of acting on the reader.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/** One line for a table cell or a heading: line breaks become spaces, the rest is made printable. */
export function oneLine(text: string): string {
  return printable(text.replace(/\r\n|[\r\n\t]/g, ' '))
}
