// "Which mail program do you use?": each program with the ONE best way to give it the settings,
// in steps a person can follow, and the file that goes with it. Declared once as a table; the
// type is derived from it. The facts behind each route are in /work/shared/field-notes.md
// ("Export formats"): Thunderbird reads a clientConfig file only from its installation folder or
// an autoconfig server, so on one computer typing the two server names is the better way (or the
// user.js of a new profile); the new Outlook reads neither PRF nor Autodiscover files; Apple's
// profile cannot hold a password; Thunderbird for Android scans its account-import QR code.
import type { ExportChoice } from '@shared/export/choices'

export type RouteKind =
  /** Type the values shown on screen; the settings sheet keeps them. */
  | 'type'
  /** Save a file the program opens. */
  | 'file'
  /** Scan the QR code with the phone. */
  | 'qr'

export interface ProgramRoute {
  label: string
  /** The route in a few words: the card's heading. */
  headline: string
  kind: RouteKind
  /** The file the route saves (its button), or keeps as a copy, and the button's words. */
  choice: ExportChoice
  save: string
  steps: readonly string[]
  /** One more way, for people it fits better. */
  aside?: { text: string; choice: ExportChoice; save: string }
}

const programTable = {
  thunderbird: {
    label: 'Thunderbird',
    headline: 'Type the two server names into Thunderbird',
    kind: 'type',
    choice: 'sheet',
    save: 'Save these settings as a sheet…',
    steps: [
      'In Thunderbird, open the menu ☰ › Account Settings › Account Actions › Add Mail Account.',
      'Type your name, your address and your password, then choose “Configure manually”.',
      'Type the incoming and the outgoing server below, with their port and security; the user name is your address.',
      'Choose “Re-test”, then “Done”.',
    ],
    aside: {
      text: 'Setting up a new, empty Thunderbird profile? Save the preferences file into that profile’s folder (Help › Troubleshooting Information › Profile Folder) before its first start — never into Thunderbird’s program folder.',
      choice: 'thunderbird-prefs',
      save: 'Save the preferences file (user.js)…',
    },
  },
  'outlook-new': {
    label: 'Outlook (new)',
    headline: 'Type the settings into the new Outlook',
    kind: 'type',
    choice: 'sheet',
    save: 'Save these settings as a sheet…',
    steps: [
      'In Outlook, open Settings › Accounts › Email accounts › Add account.',
      'Type your address and choose Continue; when Outlook asks, choose IMAP and open the advanced settings.',
      'Type the incoming and the outgoing server below, with their port and security, and your password.',
    ],
  },
  'outlook-classic': {
    label: 'Outlook (classic)',
    headline: 'Import the profile file into classic Outlook',
    kind: 'file',
    choice: 'outlook-prf',
    save: 'Save the profile file…',
    steps: [
      'Save the profile file below.',
      'Close Outlook.',
      'Press Windows+R, type outlook.exe /importprf followed by the saved file’s full path in quotes, and press Enter.',
      'Outlook opens with the new account; type your password when it asks.',
    ],
  },
  'apple-mail': {
    label: 'Apple Mail on a Mac',
    headline: 'Install the profile on your Mac',
    kind: 'file',
    choice: 'apple',
    save: 'Save the profile…',
    steps: [
      'Save the profile below and open it (double-click it in Finder).',
      'Open System Settings › General › Device Management (Profiles on older macOS), select the profile and choose Install.',
      'Type your mail password when asked: the profile does not hold it.',
    ],
  },
  iphone: {
    label: 'iPhone or iPad',
    headline: 'Send the profile to your iPhone or iPad and install it',
    kind: 'file',
    choice: 'apple',
    save: 'Save the profile…',
    steps: [
      'Save the profile below.',
      'Send it to the iPhone or iPad: AirDrop it, or mail it to yourself and open the attachment there.',
      'On the device, open Settings › Profile Downloaded, choose Install and type the device passcode.',
      'Type your mail password when asked: the profile does not hold it.',
    ],
  },
  android: {
    label: 'Thunderbird for Android / K-9 Mail',
    headline: 'Scan this code with Thunderbird for Android',
    kind: 'qr',
    choice: 'sheet',
    save: 'Save these settings as a sheet…',
    steps: [
      'On the phone, open Thunderbird for Android (or K-9 Mail) and choose “Import settings” on the first screen (later: Settings › Import settings).',
      'Choose “Scan QR code” and point the camera at the code.',
      'Type your password when the app asks: the code does not hold it.',
    ],
  },
  other: {
    label: 'Another mail program',
    headline: 'Type the settings into your mail program',
    kind: 'type',
    choice: 'sheet',
    save: 'Save these settings as a sheet…',
    steps: [
      'In your mail program, add an account and choose to set it up manually (IMAP or POP3).',
      'Type the incoming and the outgoing server below, with their port and security, your user name and your password.',
    ],
  },
} as const satisfies Record<string, ProgramRoute>

export type MailProgram = keyof typeof programTable

export const mailPrograms = Object.keys(programTable) as MailProgram[]

export function routeOf(program: MailProgram): ProgramRoute {
  return programTable[program]
}

/** What the browser says about the operating system (User-Agent Client Hints where they exist). */
export interface PlatformHints {
  userAgentData?: { platform?: string } | undefined
  platform?: string
  userAgent?: string
}

/** The likely mail program on this operating system: the program it comes with, else Thunderbird. */
export function guessProgram(hints: PlatformHints): MailProgram {
  const platform = `${hints.userAgentData?.platform ?? ''} ${hints.platform ?? ''} ${hints.userAgent ?? ''}`.toLowerCase()
  if (/android/.test(platform)) return 'android'
  if (/iphone|ipad|ios/.test(platform)) return 'iphone'
  if (/mac/.test(platform)) return 'apple-mail'
  if (/win/.test(platform)) return 'outlook-new'
  if (/linux|x11|bsd/.test(platform)) return 'thunderbird'
  return 'other'
}
