// A tiny HTML builder: element names and attribute names come from code, every text and attribute
// value is escaped on output. Nothing is ever concatenated into markup unescaped; there is no way
// to pass raw HTML in.

export interface HtmlElement {
  tag: string
  attrs: Record<string, string>
  children: HtmlNode[]
}
export type HtmlNode = HtmlElement | string | null | false | undefined

const TAG = /^[a-z][a-z0-9]*$/
const ATTR = /^[a-z][a-z0-9-]*$/
const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'col'])
/** Elements whose content the HTML parser does not treat as markup; only code may fill them. */
const RAW_TEXT = new Set(['style'])

export function h(tag: string, attrs: Record<string, string> | null, ...children: (HtmlNode | HtmlNode[])[]): HtmlElement {
  if (!TAG.test(tag)) throw new Error(`bad tag name ${JSON.stringify(tag)}`)
  for (const name of Object.keys(attrs ?? {})) if (!ATTR.test(name) || name.startsWith('on')) throw new Error(`bad attribute name ${JSON.stringify(name)}`)
  return { tag, attrs: attrs ?? {}, children: children.flat() }
}

/** Escape text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

export function renderHtml(node: HtmlNode): string {
  if (node === null || node === false || node === undefined) return ''
  if (typeof node === 'string') return escapeHtml(node)
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('')
  if (VOID.has(node.tag)) return `<${node.tag}${attrs}>`
  if (RAW_TEXT.has(node.tag)) {
    // Style sheets are constants in code; refuse anything that could close the element.
    const css = node.children.filter((c): c is string => typeof c === 'string').join('')
    if (/<\/?style/i.test(css) || node.children.some((c) => typeof c === 'object' && c !== null)) throw new Error('bad style content')
    return `<${node.tag}${attrs}>${css}</${node.tag}>`
  }
  return `<${node.tag}${attrs}>${node.children.map(renderHtml).join('')}</${node.tag}>`
}
