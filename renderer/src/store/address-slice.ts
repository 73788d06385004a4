// Step 1: the address, validated as it is typed (IDN-aware, shared/validate.ts), and an optional
// name for the From line of the test message and for exports.
import type { StateCreator } from 'zustand/vanilla'
import { parseEmailAddress, type EmailAddress, type Parsed } from '@shared/validate'
import type { AppState } from './app-state'

/** A display name goes into a mail header: one line, bounded. */
const MAX_NAME = 100

export interface AddressSlice {
  address: string
  name: string
  /** null while the field is empty; otherwise the parse of what is typed. */
  parsed: Parsed<EmailAddress> | null
  nameError: string | null
  setAddress(text: string): void
  setName(text: string): void
}

export function checkName(text: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(text)) return 'The name cannot contain line breaks or control characters.'
  if (text.length > MAX_NAME) return `The name can be at most ${MAX_NAME} characters.`
  return null
}

export const createAddressSlice: StateCreator<AppState, [], [], AddressSlice> = (set, get) => ({
  address: '',
  name: '',
  parsed: null,
  nameError: null,
  setAddress(text) {
    const parsed = text.trim() === '' ? null : parseEmailAddress(text)
    const before = get().parsed
    const changedDomain = !(before?.ok && parsed?.ok && before.value.address === parsed.value.address)
    set({ address: text, parsed })
    // Results for another address no longer apply: start those steps afresh.
    if (changedDomain) get().resetForAddress()
  },
  setName(text) {
    set({ name: text, nameError: checkName(text) })
  },
})
