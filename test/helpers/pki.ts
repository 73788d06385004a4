// Certificates made at test time: a test CA, a good leaf for localhost, and the broken variants
// a mail client meets in the field (expired, wrong host, self-signed). EC P-256 keeps it fast.
import { generate } from 'selfsigned'

export interface KeyCert {
  key: string
  cert: string
}

export interface TestPki {
  /** The CA to trust explicitly in a test (never globally). */
  ca: string
  good: KeyCert
  expired: KeyCert
  wrongHost: KeyCert
  selfSigned: KeyCert
}

const DAY = 86_400_000
const ec = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' } as const

function leafExtensions(names: string[]): object[] {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names.map((n) => (/^[\d.]+$/.test(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
  ]
}

export async function makeTestPki(): Promise<TestPki> {
  const ca = await generate([{ name: 'commonName', value: 'ClearPort Test CA' }], {
    ...ec,
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }],
  })
  const signer = { key: ca.private, cert: ca.cert }
  const leaf = async (cn: string, names: string[], notBeforeDate: Date, notAfterDate: Date, signed = true): Promise<KeyCert> => {
    const pems = await generate([{ name: 'commonName', value: cn }], {
      ...ec,
      notBeforeDate,
      notAfterDate,
      extensions: leafExtensions(names),
      ...(signed ? { ca: signer } : {}),
    } as Parameters<typeof generate>[1])
    return { key: pems.private, cert: pems.cert }
  }
  const now = Date.now()
  const [good, expired, wrongHost, selfSigned] = await Promise.all([
    leaf('localhost', ['localhost', '127.0.0.1'], new Date(now - DAY), new Date(now + DAY)),
    leaf('localhost', ['localhost', '127.0.0.1'], new Date(now - 10 * DAY), new Date(now - 5 * DAY)),
    leaf('mail.other.test', ['mail.other.test'], new Date(now - DAY), new Date(now + DAY)),
    leaf('localhost', ['localhost', '127.0.0.1'], new Date(now - DAY), new Date(now + DAY), false),
  ])
  return { ca: ca.cert, good: good!, expired: expired!, wrongHost: wrongHost!, selfSigned: selfSigned! }
}

/**
 * A fresh test CA and one leaf for the given names (DNS names or IPv4 literals), for tests whose
 * servers answer under lab names (discovery: autoconfig.example.test, imap.example.test, ...).
 */
export async function makeNamedPki(names: string[]): Promise<{ ca: string; leaf: KeyCert }> {
  const ca = await generate([{ name: 'commonName', value: 'ClearPort Test CA (named)' }], {
    ...ec,
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }],
  })
  const now = Date.now()
  const pems = await generate([{ name: 'commonName', value: names[0] ?? 'localhost' }], {
    ...ec,
    notBeforeDate: new Date(now - DAY),
    notAfterDate: new Date(now + DAY),
    extensions: leafExtensions(names),
    ca: { key: ca.private, cert: ca.cert },
  } as Parameters<typeof generate>[1])
  return { ca: ca.cert, leaf: { key: pems.private, cert: pems.cert } }
}
