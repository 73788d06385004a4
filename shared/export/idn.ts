// Host names are stored and written in ASCII (punycode) form, which is what a mail program must
// connect to; people read the Unicode form. Browsers and Node's `URL` only convert to ASCII, and
// shared/ runs in both, so the decoding direction is RFC 3492 §6.2 written out here. The result is
// only trusted when `URL` maps it back to the exact same ASCII name.

const BASE = 36
const T_MIN = 1
const T_MAX = 26
const SKEW = 38
const DAMP = 700
const INITIAL_BIAS = 72
const INITIAL_N = 128
const MAX_INT = 0x7fffffff

/** RFC 3492 §6.1. */
function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : Math.floor(delta / 2)
  d += Math.floor(d / numPoints)
  let k = 0
  while (d > Math.floor(((BASE - T_MIN) * T_MAX) / 2)) {
    d = Math.floor(d / (BASE - T_MIN))
    k += BASE
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW))
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22 // 0-9 → 26-35
  if (code >= 0x41 && code <= 0x5a) return code - 0x41 // A-Z → 0-25
  if (code >= 0x61 && code <= 0x7a) return code - 0x61 // a-z → 0-25
  return -1
}

/** Decode one punycode label (without "xn--"), or null when it is not valid punycode. */
export function decodePunycodeLabel(input: string): string | null {
  const output: number[] = []
  const lastDash = input.lastIndexOf('-')
  const basicEnd = lastDash < 0 ? 0 : lastDash
  for (let j = 0; j < basicEnd; j++) {
    const code = input.charCodeAt(j)
    if (code >= 0x80) return null
    output.push(code)
  }
  let n = INITIAL_N
  let bias = INITIAL_BIAS
  let i = 0
  let index = basicEnd > 0 ? basicEnd + 1 : 0
  while (index < input.length) {
    const oldI = i
    let w = 1
    for (let k = BASE; ; k += BASE) {
      if (index >= input.length) return null
      const digit = digitValue(input.charCodeAt(index++))
      if (digit < 0 || digit > Math.floor((MAX_INT - i) / w)) return null
      i += digit * w
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias
      if (digit < t) break
      if (w > Math.floor(MAX_INT / (BASE - t))) return null
      w *= BASE - t
    }
    const length = output.length + 1
    bias = adapt(i - oldI, length, oldI === 0)
    if (Math.floor(i / length) > MAX_INT - n) return null
    n += Math.floor(i / length)
    i %= length
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null
    output.splice(i, 0, n)
    i++
  }
  return String.fromCodePoint(...output)
}

/** The Unicode form of an ASCII host name for display; the ASCII form when it cannot be shown. */
export function toDisplayHost(ascii: string): string {
  if (!/(^|\.)xn--/i.test(ascii)) return ascii
  const labels = ascii.split('.').map((label) => (label.toLowerCase().startsWith('xn--') ? decodePunycodeLabel(label.slice(4)) : label))
  if (labels.some((label) => label === null)) return ascii
  const unicode = labels.join('.')
  try {
    // Only show a Unicode form that names the very same host.
    return new URL(`http://${unicode}/`).hostname === ascii.toLowerCase() ? unicode : ascii
  } catch {
    return ascii
  }
}

/** An address with its domain in Unicode form for display. */
export function toDisplayAddress(address: string): string {
  const at = address.lastIndexOf('@')
  if (at < 0) return address
  return `${address.slice(0, at)}@${toDisplayHost(address.slice(at + 1))}`
}
