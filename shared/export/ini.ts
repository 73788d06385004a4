// A writer for Windows profile files (INI: Outlook's PRF). Values run to the end of the line and
// there is no escaping, so a CR, LF or NUL in a value would start a new key or section: such a
// value is refused, never written. Keys and section names come from code, and are checked too.
import { ExportError } from './types'

export type IniValue = string | number
export interface IniSection {
  name: string
  /** Comment lines written above the section header. */
  comments?: string[]
  entries: [key: string, value: IniValue][]
}

const NAME = /^[A-Za-z0-9_ .-]+$/

/** Lines joined with CRLF, the Windows convention. */
export function buildIni(sections: IniSection[], field: (section: string, key: string) => string): string {
  const lines: string[] = []
  for (const section of sections) {
    if (!NAME.test(section.name)) throw new Error(`bad INI section name ${JSON.stringify(section.name)}`)
    for (const comment of section.comments ?? []) {
      if (/[\r\n\0]/.test(comment)) throw new Error('an INI comment holds a line break')
      lines.push(`; ${comment}`)
    }
    lines.push(`[${section.name}]`)
    for (const [key, value] of section.entries) {
      if (!NAME.test(key)) throw new Error(`bad INI key ${JSON.stringify(key)}`)
      const text = typeof value === 'number' ? String(value) : value
      if (typeof value === 'number' && !Number.isInteger(value)) throw new Error(`INI value for ${key} is not a whole number`)
      if (/[\r\n]/.test(text)) throw new ExportError(field(section.name, key), 'contains a line break (CR/LF), which would start a new line in the profile file')
      if (text.includes('\0')) throw new ExportError(field(section.name, key), 'contains a NUL byte')
      // GetPrivateProfileString trims surrounding blanks and strips one pair of surrounding quotes.
      if (text !== text.trim()) throw new ExportError(field(section.name, key), 'starts or ends with a space, which profile files drop')
      if (/^".*"$|^'.*'$/.test(text)) throw new ExportError(field(section.name, key), 'is wrapped in quotes, which profile files strip')
      lines.push(`${key}=${text}`)
    }
    lines.push('')
  }
  return lines.join('\r\n')
}
