// Certificates a modern library will not make: a 1024-bit RSA key and a SHA-1 signature, signed
// by a test RSA CA, made at test time with the openssl command (selfsigned refuses both).
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { KeyCert } from './pki'

const run = promisify(execFile)

export interface LegacyPki {
  ca: string
  /** RSA 1024, SHA-256 signature, valid for localhost / 127.0.0.1. */
  weakKey: KeyCert
  /** RSA 2048, signed with SHA-1 by the CA. */
  sha1: KeyCert
  /** RSA 2048, SHA-256: the control that must verify. */
  good: KeyCert
}

/** Why these tests cannot run here, or null. */
export async function legacyPkiMissing(): Promise<string | null> {
  try {
    await run('openssl', ['version'])
    return null
  } catch {
    return 'the openssl command is not installed (.ci/run installs it)'
  }
}

export async function makeLegacyPki(): Promise<LegacyPki> {
  const dir = await mkdtemp(join(tmpdir(), 'clearport-legacy-pki-'))
  const at = (name: string): string => join(dir, name)
  try {
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=ClearPort Legacy Test CA', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'])
    await writeFile(at('ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n')
    const leaf = async (name: string, bits: number, digest: string): Promise<KeyCert> => {
      await run('openssl', ['req', '-newkey', `rsa:${bits}`, '-nodes', '-subj', '/CN=localhost', '-keyout', at(`${name}.key`), '-out', at(`${name}.csr`)])
      await run('openssl', ['x509', '-req', '-in', at(`${name}.csr`), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', `-${digest}`, '-days', '1', '-extfile', at('ext'), '-out', at(`${name}.pem`)])
      return { key: await readFile(at(`${name}.key`), 'utf8'), cert: await readFile(at(`${name}.pem`), 'utf8') }
    }
    const [weakKey, sha1, good] = [await leaf('weak', 1024, 'sha256'), await leaf('sha1', 2048, 'sha1'), await leaf('good', 2048, 'sha256')]
    return { ca: await readFile(at('ca.pem'), 'utf8'), weakKey, sha1, good }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
