import { describe, expect, it } from 'vitest'
import { hasMaskedStartTls, parseCapabilities } from '../../electron/engine/smtp/capabilities'

const reply = (lines: string[]) => ({ code: 250, enhanced: null, lines })

describe('parseCapabilities', () => {
  it('reads the usual extensions', () => {
    const caps = parseCapabilities(
      reply(['smtp.example.test Hello [192.0.2.2]', 'SIZE 35882577', '8BITMIME', 'starttls', 'AUTH LOGIN PLAIN XOAUTH2', 'ENHANCEDSTATUSCODES', 'PIPELINING', 'CHUNKING', 'SMTPUTF8']),
    )
    expect(caps).toMatchObject({
      domain: 'smtp.example.test',
      startTls: true,
      auth: ['LOGIN', 'PLAIN', 'XOAUTH2'],
      size: 35882577,
      pipelining: true,
      eightBitMime: true,
      smtpUtf8: true,
      enhancedStatusCodes: true,
      chunking: true,
    })
    expect(caps.raw).toContain('STARTTLS')
  })

  it('reads the old AUTH= form and ignores junk lines', () => {
    const caps = parseCapabilities(reply(['old.test', 'AUTH=LOGIN PLAIN', '!!! junk', 'SIZE lots']))
    expect(caps.auth).toEqual(['LOGIN', 'PLAIN'])
    expect(caps.size).toBeNull()
    expect(caps.raw).not.toContain('!!! junk')
  })

  it('treats a greeting-only EHLO reply as no extensions', () => {
    const caps = parseCapabilities(reply(['bare.test']))
    expect(caps.startTls).toBe(false)
    expect(caps.auth).toEqual([])
  })

  it('spots STARTTLS masked by a middlebox', () => {
    expect(hasMaskedStartTls(reply(['mx.test', 'PIPELINING', 'XXXXXXXA']))).toBe(true)
    expect(hasMaskedStartTls(reply(['mx.test', 'STARTTLS']))).toBe(false)
  })
})
