// The document as one standalone, printable HTML page: inline CSS (a constant), no scripts, no
// external resources, every value escaped by the builder (html-builder.ts).
import type { Block, ReportDocument } from './document'
import { h, renderHtml, type HtmlNode } from './html-builder'

export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td { overflow-wrap: break-word; }
/* Headers break between words, never inside one ("Protoc/ol"). */
th { background: #f3f5f7; overflow-wrap: normal; word-break: normal; hyphens: manual; }
.table-wrap { overflow-x: auto; }
details { margin: .5rem 0 1rem; }
summary { cursor: pointer; font-weight: 600; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: .75rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; }
.strong { font-weight: 600; }
.warning { font-weight: 600; color: #9a3412; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  table, pre { break-inside: auto; }
  tr { break-inside: avoid; }
}
`

/**
 * The style sheet's CSP hash: the window's policy (shared/csp.ts) allows exactly this inline style,
 * so the report renders styled in the Export step's sandboxed preview, which inherits that policy.
 * test/unit/export-choices.test.ts recomputes it; change both together.
 */
export const REPORT_STYLE_HASH = "'sha256-1ngeYO/Yh3zAl4Tb5/9eMqZY+VgcfZhy+JG3+ETOTBE='"

function block(b: Block): HtmlNode {
  switch (b.kind) {
    case 'heading':
      return h(`h${b.level}`, null, b.text)
    case 'paragraph':
      return h('p', b.emphasis ? { class: b.emphasis } : null, b.text)
    case 'list':
      return h('ul', null, b.items.map((item) => h('li', null, item)))
    case 'pre':
      return h('pre', null, b.lines.join('\n'))
    case 'table':
      // The wrapper scrolls a wide table on a narrow screen instead of the whole page.
      return h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          null,
          b.caption ? h('caption', null, b.caption) : null,
          h('thead', null, h('tr', null, b.head.map((cell) => h('th', { scope: 'col' }, cell)))),
          h('tbody', null, b.rows.map((row) => h('tr', null, row.map((cell) => h('td', null, cell))))),
        ),
      )
    case 'details':
      return h('details', null, h('summary', null, b.summary), b.blocks.map(block))
  }
}

export function renderHtmlDocument(doc: ReportDocument): string {
  const page = h(
    'html',
    { lang: 'en' },
    h(
      'head',
      null,
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      // Nothing in the page may load or run anything.
      h('meta', { 'http-equiv': 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'" }),
      h('title', null, doc.title),
      h('style', null, REPORT_CSS),
    ),
    h('body', null, h('main', null, doc.blocks.map(block))),
  )
  return `<!DOCTYPE html>\n${renderHtml(page)}\n`
}
