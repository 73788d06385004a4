// The stripping proxy's filters on their own (no root needed): the lab's `stripped` scenario is
// only as good as the EHLO reply it forwards, which must stay a valid multi-line reply.
import { describe, expect, it } from 'vitest'
import { CommandMasker, ReplyStripper, stripStartTls } from './strip-proxy'

describe('stripStartTls', () => {
  it('removes a middle STARTTLS line and keeps the marks', () => {
    expect(stripStartTls(['250-mx.test hi', '250-STARTTLS', '250 SIZE 100'])).toEqual(['250-mx.test hi', '250 SIZE 100'])
  })

  it('makes the new last line final when STARTTLS was last', () => {
    expect(stripStartTls(['250-mx.test hi', '250-PIPELINING', '250 STARTTLS'])).toEqual(['250-mx.test hi', '250 PIPELINING'])
  })

  it('leaves a reply without STARTTLS alone, whatever the case of other keywords', () => {
    expect(stripStartTls(['250-mx.test', '250 starttlsx'])).toEqual(['250-mx.test', '250 starttlsx'])
  })
})

describe('ReplyStripper', () => {
  it('holds a multi-line reply split across chunks until its last line', () => {
    const s = new ReplyStripper()
    expect(s.push(Buffer.from('220 mx.test ESMTP\r\n250-mx.test\r\n250-STA')).toString()).toBe('220 mx.test ESMTP\r\n')
    expect(s.push(Buffer.from('RTTLS\r\n250 8BITMIME\r\n')).toString()).toBe('250-mx.test\r\n250 8BITMIME\r\n')
  })

  it('cuts a line that never ends', () => {
    const s = new ReplyStripper()
    expect(() => s.push(Buffer.alloc(20_000, 0x41))).toThrow(/too long/)
  })
})

describe('CommandMasker', () => {
  it('masks STARTTLS and passes every other command unchanged', () => {
    const m = new CommandMasker()
    expect(m.push(Buffer.from('EHLO me\r\nstarttls\r\nQUIT\r\n')).toString()).toBe('EHLO me\r\nXXXXXXXA\r\nQUIT\r\n')
  })
})
