// XML through fast-xml-parser's XMLBuilder, never by string concatenation. The builder escapes
// & < > " ' in text and attribute values (checked in test/unit/export-escaping.test.ts); what it
// cannot do is refuse characters XML 1.0 forbids outright (§2.2: C0 controls other than TAB, LF,
// CR), so every value is checked before it reaches the builder.
import { XMLBuilder } from 'fast-xml-parser'
import { ExportError } from './types'

/** Characters XML 1.0 cannot carry, escaped or not (§2.2), plus lone surrogates. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export type XmlNode = { [name: string]: XmlValue }
export type XmlValue = string | number | XmlNode | XmlValue[]

function check(value: XmlValue, path: string): void {
  if (typeof value === 'string') {
    if (FORBIDDEN.test(value)) throw new ExportError(path, 'contains a character XML cannot hold')
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => check(item, `${path}.${i}`))
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) check(item, `${path}.${key}`)
  }
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  commentPropName: '#comment',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  processEntities: true,
})

/**
 * Build a UTF-8 XML document. Attributes are keys starting with "@_", comments "#comment"
 * (the builder also breaks up "--" inside a comment, which XML forbids there).
 */
export function buildXml(root: XmlNode): string {
  check(root, 'xml')
  const body = builder.build(root) as string
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`
}
