// What each export choice is called on screen, and one line about it (declared with the choice in
// shared/export/choices.ts, where the CLI and the save dialog read it too), and the short words of
// the values a person types.
import { choiceInfo, type ExportChoice } from '@shared/export/choices'
import type { SocketSecurity } from '@shared/model'

export function choiceWords(choice: ExportChoice): { title: string; detail: string } {
  const { title, detail } = choiceInfo(choice)
  return { title, detail }
}

/** As mail programs label the choice in their security menus. */
export const securityWords: Record<SocketSecurity, string> = { SSL: 'SSL/TLS', STARTTLS: 'STARTTLS', plain: 'None (not encrypted)' }
