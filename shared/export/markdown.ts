// The document as Markdown (CommonMark + GFM tables). Every value is escaped: inline punctuation
// that could start emphasis, links, HTML, code or a table cell is backslash-escaped (CommonMark
// §2.4 allows that for any ASCII punctuation), and preformatted text goes into a fence longer than
// any run of backticks inside it.
import type { Block, ReportDocument } from './document'

/**
 * Escape one line of text for Markdown. `atLineStart`: the text begins a block (a paragraph or a
 * list item's content), where "-", "+", "=", ">" and "1." would start a list, heading or quote.
 */
export function escapeMarkdown(text: string, atLineStart = true): string {
  const out = text.replace(/[\\`*_[\]<>|~&!#]/g, (c) => `\\${c}`)
  if (!atLineStart) return out
  return out.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2')
}

function table(block: Extract<Block, { kind: 'table' }>): string[] {
  const cell = (text: string): string => (text === '' ? ' ' : escapeMarkdown(text, false))
  const lines: string[] = []
  if (block.caption) lines.push(`**${escapeMarkdown(block.caption)}**`, '')
  lines.push(`| ${block.head.map(cell).join(' | ')} |`, `| ${block.head.map(() => '---').join(' | ')} |`)
  for (const row of block.rows) lines.push(`| ${row.map(cell).join(' | ')} |`)
  return lines
}

function pre(lines: string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((run) => run.length))))
  const fence = '`'.repeat(longest + 1)
  return [`${fence}text`, ...lines, fence]
}

function blocks(list: Block[], out: string[]): void {
  for (const block of list) {
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`)
        break
      case 'paragraph':
        out.push(block.emphasis ? `**${escapeMarkdown(block.text)}**` : escapeMarkdown(block.text))
        break
      case 'table':
        out.push(...table(block))
        break
      case 'list':
        out.push(...block.items.map((item) => `- ${escapeMarkdown(item)}`))
        break
      case 'pre':
        out.push(...pre(block.lines))
        break
      case 'details':
        // Plain Markdown has no disclosure: the summary labels the section instead.
        out.push(`**${escapeMarkdown(block.summary)}**`, '')
        blocks(block.blocks, out)
        continue
    }
    out.push('')
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = []
  blocks(doc.blocks, out)
  return out.join('\n')
}
