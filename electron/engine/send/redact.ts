// Defence in depth for secrets. nodemailer masks credentials in its transaction log and imapflow
// hides them, but a hostile server can echo what it received ("535 bad password <base64>") and
// an error message can quote a reply. Everything that leaves the engine — result, transcript,
// error message — goes through a redactor built from the secrets of that one attempt.

const MASK = '[secret]'

/** The forms a secret takes on the wire: as typed, in base64, and inside SASL PLAIN/XOAUTH2 blobs. */
function wireForms(user: string, secret: string): string[] {
  const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')
  const forms = [
    secret,
    b64(secret),
    // RFC 4616 PLAIN without and with an authorization identity.
    b64(`\u0000${user}\u0000${secret}`),
    b64(`${user}\u0000${user}\u0000${secret}`),
    // XOAUTH2 (Google's and Microsoft's SASL profile).
    b64(`user=${user}\u0001auth=Bearer ${secret}\u0001\u0001`),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ]
  // A base64 blob split at another offset still carries most of the secret's base64: mask the
  // three alignments of the secret inside any longer base64 run too.
  for (const prefix of ['', 'x', 'xx']) {
    const encoded = b64(prefix + secret)
    const stable = encoded.slice(Math.ceil((prefix.length * 4) / 3) + 1, -4)
    if (stable.length >= 8) forms.push(stable)
  }
  return forms
}

export type Redactor = (text: string) => string

/**
 * Below this length a form is too likely to occur in unrelated text ("250", "x") to be masked
 * wherever it appears: masking it inside other words would both mangle the text ("une[secret]pectedly")
 * and, by what is left around the mask, hint at the password's letters.
 */
export const SHORT_SECRET = 8

/** A whole token: not glued to another letter, digit or base64 character. */
function tokenPattern(form: string): RegExp {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![A-Za-z0-9+/=])${escaped}(?![A-Za-z0-9+/=])`, 'g')
}

const WITHHELD = '[line withheld: it may echo your password]'

/** The SMTP reply code that starts a line ("250-", "535 "), which is never an echo. */
const REPLY_CODE = /^\d{3}(?=[ -]|$)/

/**
 * One line, checked for whole-token echoes of a short form. A hit withholds the whole line — only
 * its reply code is kept — so neither the secret nor its neighbourhood is shown.
 */
function withholdEchoes(line: string, patterns: RegExp[]): string {
  const code = REPLY_CODE.exec(line)?.[0] ?? null
  const echoed = patterns.some((pattern) => {
    pattern.lastIndex = 0
    for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
      // The reply code at the start of the line is the server's status, not an echo.
      if (!(m.index === 0 && m[0] === code)) return true
    }
    return false
  })
  return echoed ? `${code ? `${code} ` : ''}${WITHHELD}` : line
}

export function createRedactor(user: string, secrets: string[]): Redactor {
  const forms = [...new Set(secrets.filter((s) => s.length > 0).flatMap((s) => wireForms(user, s)))]
    .filter((f) => f.length > 0)
    // Longest first, so a blob is masked whole before a shorter form inside it is.
    .sort((a, b) => b.length - a.length)
  if (forms.length === 0) return (text) => text
  const long = forms.filter((f) => f.length >= SHORT_SECRET)
  const short = forms.filter((f) => f.length < SHORT_SECRET).map(tokenPattern)
  return (text) => {
    let out = text
    for (const form of long) if (out.includes(form)) out = out.split(form).join(MASK)
    if (short.length > 0) out = out.split('\n').map((line) => withholdEchoes(line, short)).join('\n')
    return out
  }
}

/**
 * ClearPort's own words: a problem's code, title and advice are written by the classifier from
 * facts that were redacted first (run.ts), so they are never searched for echoes again.
 */
const OWN_WORDS = new Set(['code', 'title', 'advice'])

/** Redact every string in a plain-data value (results, events), returning a new value. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) out[key] = OWN_WORDS.has(key) && typeof v === 'string' ? v : redactDeep(v, redact)
    return out as T
  }
  return value
}
