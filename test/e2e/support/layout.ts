// What a person sees without scrolling: the window's first screen holds the given elements, and
// nothing on the page scrolls sideways (the page itself and every table).
import { expect, type Locator, type Page } from '@playwright/test'

export async function expectOnFirstScreen(page: Page, locators: Locator[]): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)')
  const viewport = page.viewportSize()
  if (viewport === null) throw new Error('the page has no fixed viewport')
  for (const locator of locators) {
    const box = await locator.boundingBox()
    expect(box, `${locator} is laid out`).not.toBeNull()
    if (box === null) continue
    expect(box.y + box.height, `${locator} ends within the first ${viewport.height} px`).toBeLessThanOrEqual(viewport.height)
    expect(box.x + box.width, `${locator} ends within the first ${viewport.width} px`).toBeLessThanOrEqual(viewport.width)
  }
}

/** Opens every disclosure so its tables are laid out, then compares scroll and client widths. */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  // A string: the Node typecheck has no DOM, and the page needs none of this file's helpers.
  const widths = (await page.evaluate(`(() => {
    for (const d of document.querySelectorAll('details')) d.open = true
    const root = document.scrollingElement || document.documentElement
    const tables = Array.from(document.querySelectorAll('table'), (t) => {
      const box = t.parentElement || t
      return { scroll: Math.max(t.scrollWidth, box.scrollWidth), client: box.clientWidth }
    })
    return { page: { scroll: root.scrollWidth, client: root.clientWidth }, tables }
  })()`)) as { page: { scroll: number; client: number }; tables: { scroll: number; client: number }[] }
  expect(widths.page.scroll, `the page scrolls sideways on ${where}`).toBeLessThanOrEqual(widths.page.client)
  for (const [i, t] of widths.tables.entries()) expect(t.scroll, `table ${i + 1} scrolls sideways on ${where}`).toBeLessThanOrEqual(t.client)
}
