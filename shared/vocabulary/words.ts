// Helpers every vocabulary uses: a membership test that narrows, and the list in words for
// messages, so a message naming the allowed values can never fall behind the list itself.

/** Whether `value` is one of `list`, narrowing it to the list's type. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

function joined(list: readonly string[], last: string): string {
  if (list.length <= 1) return list.join('')
  return `${list.slice(0, -1).join(', ')} ${last} ${list[list.length - 1] ?? ''}`
}

/** "a, b or c" (the values in the list's own order). */
export const orList = (list: readonly string[]): string => joined(list, 'or')

/** "a, b and c". */
export const andList = (list: readonly string[]): string => joined(list, 'and')
