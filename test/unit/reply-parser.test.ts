import { describe, expect, it } from 'vitest'
import { ReplyParser, ReplyParseError, replyText } from '../../electron/engine/smtp/reply-parser'

const b = (s: string): Buffer => Buffer.from(s, 'latin1')

describe('ReplyParser', () => {
  it('parses single and multi-line replies, with enhanced codes', () => {
    const parser = new ReplyParser()
    const replies = parser.feed(b('220 mx.example.test ESMTP ready\r\n250-mx.example.test\r\n250-PIPELINING\r\n250 2.0.0 OK\r\n'))
    expect(replies).toHaveLength(2)
    expect(replies[0]).toEqual({ code: 220, enhanced: null, lines: ['mx.example.test ESMTP ready'] })
    expect(replies[1]!.lines).toEqual(['mx.example.test', 'PIPELINING', '2.0.0 OK'])
    expect(replies[1]!.enhanced).toBe('2.0.0')
    expect(replyText(replies[1]!)).toBe('250-mx.example.test\n250-PIPELINING\n250 2.0.0 OK')
  })

  it('assembles a reply trickled one byte at a time', () => {
    const parser = new ReplyParser()
    const text = '535-5.7.139 Authentication unsuccessful\r\n535 5.7.139 basic auth disabled\r\n'
    const seen = [...text].flatMap((ch) => parser.feed(b(ch)))
    expect(seen).toHaveLength(1)
    expect(seen[0]!.code).toBe(535)
    expect(seen[0]!.enhanced).toBe('5.7.139')
    expect(parser.bufferedBytes).toBe(0)
  })

  it('accepts a bare LF and a bare code line', () => {
    const parser = new ReplyParser()
    expect(parser.feed(b('250\n'))).toEqual([{ code: 250, enhanced: null, lines: [''] }])
  })

  it.each([
    ['a line over the limit', 'x'.repeat(100_000), 'line-too-long'],
    ['a long line ending in CRLF', `250 ${'x'.repeat(5000)}\r\n`, 'line-too-long'],
    ['too many continuation lines', '250-x\r\n'.repeat(10_000), 'too-many-lines'],
    ['a non-reply line', 'hello there\r\n', 'malformed'],
    ['an impossible code', '999 what\r\n', 'malformed'],
    ['a code that changes mid-reply', '250-a\r\n251 b\r\n', 'code-mismatch'],
  ])('rejects %s', (_name, input, kind) => {
    const parser = new ReplyParser()
    let error: unknown
    try {
      parser.feed(b(input))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ReplyParseError)
    expect((error as ReplyParseError).kind).toBe(kind)
    // Once failed, it stays failed: the stream is out of step.
    expect(() => parser.feed(b('250 ok\r\n'))).toThrow(ReplyParseError)
  })

  it('caps the total size of one reply', () => {
    const parser = new ReplyParser({ maxLineBytes: 2048, maxLines: 10_000, maxReplyBytes: 4096 })
    expect(() => parser.feed(b(`250-${'y'.repeat(1000)}\r\n`.repeat(5)))).toThrow(/larger than 4096/)
  })

  it('discards bytes buffered at the STARTTLS boundary and reports how many', () => {
    const parser = new ReplyParser()
    const replies = parser.feed(b('220 Ready to start TLS\r\n250-injected\r\n250-more'))
    expect(replies.map((r) => r.code)).toEqual([220])
    expect(parser.bufferedBytes).toBe('250-injected\r\n250-more'.length)
    expect(parser.discard()).toBe('250-injected\r\n250-more'.length)
    expect(parser.feed(b('250 clean\r\n'))[0]!.lines).toEqual(['clean'])
  })
})
