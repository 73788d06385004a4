// Every export the person can pick, declared once: which exporter writes it, whether the report's
// evidence goes along, its file extension, the save dialog's filter name, its own file name and its
// words. The choice type, the zod enum (choice-schema.ts, apart so the window's bundle carries no
// zod), the dialog's extensions and filters are derived from this table, so a new export is one
// entry here (plus its exporter), and a forgotten field fails to compile.
import type { ExportFormat } from './types'

export interface ChoiceInfo {
  format: ExportFormat
  /** The port-25 check, discovery and the test send go along (the report forms). */
  withReport: boolean
  extension: string
  /** The save dialog's filter; choices that share an extension share it (one filter per extension). */
  filterName: string
  /** The suggested name, from the domain and "clearport-" + the address, both made file-name safe. */
  fileName(names: { domain: string; address: string }): string
  title: string
  detail: string
}

const choiceTable = {
  thunderbird: {
    format: 'thunderbird',
    withReport: false,
    extension: 'xml',
    filterName: 'XML settings',
    // Thunderbird looks a clientConfig file up by the domain's name (isp/DOMAIN.xml, autoconfig).
    fileName: ({ domain }) => `${domain}.xml`,
    title: 'Thunderbird (autoconfig file)',
    detail: 'An autoconfig file (clientConfig 1.1 XML) for the domain’s autoconfig server.',
  },
  'thunderbird-prefs': {
    format: 'thunderbird-prefs',
    withReport: false,
    extension: 'js',
    filterName: 'Thunderbird preferences',
    // Thunderbird reads only this name from a profile folder.
    fileName: () => 'user.js',
    title: 'Thunderbird (preferences)',
    detail: 'A user.js file for a new Thunderbird profile folder.',
  },
  'outlook-autodiscover': {
    format: 'outlook-autodiscover',
    withReport: false,
    extension: 'xml',
    filterName: 'XML settings',
    fileName: () => 'autodiscover.xml',
    title: 'Outlook (Autodiscover)',
    detail: 'An Autodiscover answer (XML) for classic Outlook.',
  },
  'outlook-prf': {
    format: 'outlook-prf',
    withReport: false,
    extension: 'prf',
    filterName: 'Outlook profile',
    fileName: ({ address }) => `${address}.prf`,
    title: 'Outlook classic (PRF)',
    detail: 'A profile file for “outlook.exe /importprf”; the new Outlook does not read it.',
  },
  apple: {
    format: 'apple',
    withReport: false,
    extension: 'mobileconfig',
    filterName: 'Apple configuration profile',
    fileName: ({ address }) => `${address}.mobileconfig`,
    title: 'Apple Mail (profile)',
    detail: 'A configuration profile (.mobileconfig) for Mac, iPhone and iPad; it holds no password.',
  },
  sheet: {
    format: 'markdown',
    withReport: false,
    extension: 'md',
    filterName: 'Text (Markdown)',
    fileName: ({ address }) => `${address}-settings.md`,
    title: 'Settings sheet',
    detail: 'The settings in plain text, to type into any mail program.',
  },
  report: {
    format: 'html',
    withReport: true,
    extension: 'html',
    filterName: 'Web page',
    fileName: ({ address }) => `${address}-report.html`,
    title: 'Report (web page)',
    detail: 'Everything ClearPort found, with the evidence, to open in a browser.',
  },
  'report-text': {
    format: 'markdown',
    withReport: true,
    extension: 'md',
    filterName: 'Text (Markdown)',
    fileName: ({ address }) => `${address}-report.md`,
    title: 'Report (text)',
    detail: 'The same report as plain text; can also be saved as PDF.',
  },
  json: {
    format: 'json',
    withReport: true,
    extension: 'json',
    filterName: 'JSON',
    fileName: ({ address }) => `${address}-report.json`,
    title: 'Data (JSON)',
    detail: 'Settings and evidence for other programs.',
  },
} as const satisfies Record<string, ChoiceInfo>

export type ExportChoice = keyof typeof choiceTable

export const exportChoices = Object.keys(choiceTable) as [ExportChoice, ...ExportChoice[]]

export function choiceInfo(choice: ExportChoice): ChoiceInfo {
  return choiceTable[choice]
}

/** The exporter behind a choice, and whether the report's evidence goes along. */
export function exporterOf(choice: ExportChoice): { format: ExportFormat; withReport: boolean } {
  const { format, withReport } = choiceTable[choice]
  return { format, withReport }
}

/** The file name a choice is saved under: its own for every choice, ASCII, no folder part. */
export function choiceFileName(choice: ExportChoice, address: string): string {
  const at = address.lastIndexOf('@')
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '_')
  return choiceTable[choice].fileName({ domain: safe(address.slice(at + 1)), address: `clearport-${safe(address)}` })
}

/** Every extension an export is written with, for the save handler's check. */
export const exportExtensions: readonly string[] = [...new Set(exportChoices.map((c) => choiceTable[c].extension))]

/** The save dialog's filter name for a file extension (the report's PDF included). */
export function dialogFilterName(extension: string): string {
  if (extension === 'pdf') return 'PDF document'
  const choice = exportChoices.find((c) => choiceTable[c].extension === extension)
  return choice === undefined ? extension.toUpperCase() : choiceTable[choice].filterName
}
