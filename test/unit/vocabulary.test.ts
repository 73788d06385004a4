// The vocabularies are declared once (shared/vocabulary/): the zod enums accept exactly their
// arrays, messages list the values from the same arrays, and the word parsers refuse the rest.
import { describe, expect, it } from 'vitest'
import { discoverySources, runnableSources } from '../../shared/vocabulary/discovery-sources'
import { socketFromWord, socketSecurities } from '../../shared/vocabulary/socket-security'
import { discoverySourceSchema, port25VerdictSchema, socketSchema, verdictHowSchema } from '../../shared/vocabulary/schemas'
import { blockHows, port25Verdicts, verdictHows } from '../../shared/vocabulary/verdicts'
import { andList, isOneOf, orList } from '../../shared/vocabulary/words'
import { ALL_SOURCES } from '../../electron/engine/discover/index'

describe('vocabularies', () => {
  it('each zod enum accepts exactly its array, and its message names every value', () => {
    const pairs = [
      [socketSchema, socketSecurities],
      [port25VerdictSchema, port25Verdicts],
      [verdictHowSchema, verdictHows],
      [discoverySourceSchema, discoverySources],
    ] as const
    for (const [schema, list] of pairs) {
      expect(schema.options).toEqual([...list])
      for (const value of list) expect(schema.safeParse(value).success).toBe(true)
      const refused = schema.safeParse('not-a-value')
      expect(refused.success).toBe(false)
      expect(refused.error?.issues[0]?.message).toBe(`must be ${orList(list)}`)
    }
  })

  it('how includes every way a port is blocked, plus no-greeting', () => {
    expect(verdictHows).toEqual([...blockHows, 'no-greeting'])
  })

  it('discovery runs every source but the plain-http fallback that rides with autoconfig', () => {
    expect(ALL_SOURCES).toEqual(runnableSources)
    expect([...runnableSources, 'autoconfig-http'].sort()).toEqual([...discoverySources].sort())
  })

  it('socket words as people type them', () => {
    expect(['ssl', 'TLS', 'StartTLS', 'plain'].map(socketFromWord)).toEqual(['SSL', 'SSL', 'STARTTLS', 'plain'])
    for (const bad of ['SSLv3', 'TLS1', '', 'constructor', '__proto__', 'toString']) expect(socketFromWord(bad)).toBeNull()
  })

  it('lists in words and membership', () => {
    expect(orList(['a'])).toBe('a')
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c')
    expect(andList(['a', 'b'])).toBe('a and b')
    expect(isOneOf(socketSecurities, 'SSL')).toBe(true)
    expect(isOneOf(socketSecurities, 'ssl')).toBe(false)
    expect(isOneOf(socketSecurities, 7)).toBe(false)
  })
})
