// Text-output helpers shared by every `clearport` command. Server text is hostile: every cell and
// every finished block passes through shared/printable.ts, the one place control characters (C0,
// DEL, C1 such as CSI U+009B and OSC U+009D, bidi overrides) are made harmless (issue 14, 8–9).
import { printable, printableLine } from '@shared/printable'

/** One printable line of at most `max` characters; null/undefined/empty → "-". */
export function clip(text: string | null | undefined, max: number): string {
  return printableLine(text, max)
}

/** A finished block of output, line breaks kept, every other control replaced: the last gate. */
export function screen(text: string): string {
  return printable(text, true)
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)))
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd()).join('\n')
}

/**
 * JSON for a terminal or a pipe: JSON.stringify escapes C0 controls but leaves DEL, C1 controls
 * and bidi overrides raw; they are escaped here too (the same JSON value, safe to print).
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
