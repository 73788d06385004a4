// The Export step's actions for the e2e specs: pick a mail program, save its route's file, or pick
// any format under "All formats" and save it from the preview. Each returns what was really
// written (the harness's save folder), so the spec parses it back.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { choiceWords } from '../../../renderer/src/export/words'
import { routeOf, type MailProgram } from '../../../renderer/src/export/programs'
import type { ExportChoice } from '../../../renderer/src/store/export-slice'

export interface SavedFromExport {
  name: string
  bytes: Buffer
}

function savedPath(text: string): string {
  const match = /Saved to (.+)\.$/.exec(text)
  if (!match?.[1]) throw new Error(`no saved path in ${JSON.stringify(text)}`)
  return match[1]
}

/** The route card of the chosen mail program. */
export function routeCard(page: Page): Locator {
  return page.locator('section.route')
}

/** Answers "Which mail program do you use?" and waits for that program's route. */
export async function chooseProgram(page: Page, program: MailProgram): Promise<Locator> {
  await page.getByRole('group', { name: 'Which mail program do you use?' }).getByRole('radio', { name: routeOf(program).label, exact: true }).check()
  const card = routeCard(page)
  await expect(card).toHaveAttribute('data-program', program)
  await expect(card.getByRole('heading', { level: 3 })).toHaveText(routeOf(program).headline)
  return card
}

/** Presses the route's save button (`label`: the route's own, or its aside's) and reads the file. */
export async function saveFromRoute(page: Page, label: string): Promise<SavedFromExport> {
  const card = routeCard(page)
  const button = card.getByRole('button', { name: label, exact: true })
  await button.click()
  const status = button.locator('xpath=following-sibling::div[@role="status"]')
  await expect(status).toContainText('Saved to')
  const path = savedPath(await status.innerText())
  return { name: basename(path), bytes: readFileSync(path) }
}

/** Opens "All formats" (once) and shows `choice` in the preview. */
export async function previewFormat(page: Page, choice: ExportChoice): Promise<Locator> {
  const all = page.locator('details.all-formats')
  if ((await all.getAttribute('open')) === null) await all.locator('summary').click()
  await all.getByRole('group', { name: 'All formats' }).getByRole('radio', { name: choiceWords(choice).title, exact: true }).check()
  const preview = all.getByRole('region', { name: /^Preview/ })
  await expect(preview.getByRole('button', { name: 'Save…' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  return preview
}

/** Saves `choice` from the preview under "All formats" and reads the file back. */
export async function saveFormat(page: Page, choice: ExportChoice): Promise<SavedFromExport> {
  const preview = await previewFormat(page, choice)
  await preview.getByRole('button', { name: 'Save…' }).click()
  const status = preview.getByRole('status')
  await expect(status).toContainText('Saved to')
  const path = savedPath(await status.innerText())
  return { name: basename(path), bytes: readFileSync(path) }
}
