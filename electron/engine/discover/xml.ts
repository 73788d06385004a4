// One XML reading policy for every discovery document: no DOCTYPE at all (so no external
// entities and no entity expansion — "billion laughs" — can ever happen), well-formedness checked
// first. Without a DOCTYPE only XML's five predefined entities and character references exist;
// those are decoded ("AT&amp;T" is AT&T), HTML entities are not.
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { Parsed } from '@shared/validate'

export function parseXml(text: string, isArray: (name: string) => boolean): Parsed<Record<string, unknown>> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return { ok: false, message: 'the document declares a DOCTYPE or entities; refused (entities are never expanded or fetched)' }
  }
  const valid = XMLValidator.validate(text)
  if (valid !== true) return { ok: false, message: `the document is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: true,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    removeNSPrefix: true,
    isArray: (name) => isArray(name),
  })
  try {
    return { ok: true, value: parser.parse(text) as Record<string, unknown> }
  } catch (error) {
    return { ok: false, message: `the document could not be parsed: ${(error as Error).message.slice(0, 200)}` }
  }
}

/** The text of an element that may have attributes ("#text") or be missing. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (value && typeof value === 'object' && '#text' in value) return textOf((value as Record<string, unknown>)['#text'])
  return undefined
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}
