/** Ends every exhaustive switch: a new case that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`)
}

/** Engine messages start in lower case (they are also used mid-sentence); shown alone, capitalise. */
export const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
