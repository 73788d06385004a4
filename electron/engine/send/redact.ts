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

export function createRedactor(user: string, secrets: string[]): Redactor {
  const forms = [...new Set(secrets.filter((s) => s.length > 0).flatMap((s) => wireForms(user, s)))]
    .filter((f) => f.length > 0)
    // Longest first, so a blob is masked whole before a shorter form inside it is.
    .sort((a, b) => b.length - a.length)
  if (forms.length === 0) return (text) => text
  return (text) => {
    let out = text
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASK)
    return out
  }
}

/** Redact every string in a plain-data value (results, events), returning a new value. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) out[key] = redactDeep(v, redact)
    return out as T
  }
  return value
}
