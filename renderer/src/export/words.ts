// What each export choice is called on screen, and one line about it.
import { assertNever } from '../assert-never'
import type { ExportChoice } from '../store/export-slice'

export function choiceWords(choice: ExportChoice): { title: string; detail: string } {
  switch (choice) {
    case 'thunderbird': return { title: 'Thunderbird', detail: 'An autoconfig file (config-v1.1.xml) Thunderbird reads during account setup.' }
    case 'thunderbird-prefs': return { title: 'Thunderbird (preferences)', detail: 'A user.js file for a Thunderbird profile folder.' }
    case 'outlook-autodiscover': return { title: 'Outlook', detail: 'An Autodiscover answer (XML) for Outlook.' }
    case 'outlook-prf': return { title: 'Outlook classic (PRF)', detail: 'A profile file for “outlook.exe /importprf”; the new Outlook does not read it.' }
    case 'apple': return { title: 'Apple Mail', detail: 'A configuration profile (.mobileconfig) for Mac, iPhone and iPad; it holds no password.' }
    case 'sheet': return { title: 'Settings sheet', detail: 'The settings in plain text, to type into any mail program.' }
    case 'report': return { title: 'Report (web page)', detail: 'Everything ClearPort found, with the evidence, to open in a browser.' }
    case 'report-text': return { title: 'Report (text)', detail: 'The same report as plain text; can also be saved as PDF.' }
    case 'json': return { title: 'Data (JSON)', detail: 'Settings and evidence for other programs.' }
    default: return assertNever(choice)
  }
}
