// Which roots ClearPort trusts, and which of them vouched for a certificate (issue 14, item 15).
//
// Node verifies against its own bundled copy of Mozilla's roots, not the operating system's; on a
// company network whose TLS-inspection root is installed in the OS store, Outlook and Thunderbird
// work while Node calls every certificate invalid. So ClearPort trusts, in one secure context:
//   - Node's bundled public roots,
//   - the OS store, where the runtime can read it: `tls.getCACertificates('system')` (Node 22.15+
//     and 23.5+, so Electron 45's Node; absent from Node 20, where the OS store is reachable only
//     through OpenSSL's own store with `--use-openssl-ca`, which Node's default context then uses),
//   - NODE_EXTRA_CA_CERTS (the CLI only: the packaged app's nodeOptions fuse turns it off) and the
//     `ca` a test passes.
// The certificate summary then says which store the chain ended in, so an inspection root that is
// no public CA is still visible as such even when it is trusted.
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import tls from 'node:tls'
import type { TrustStore } from '@shared/model'

type CaGetter = (type?: 'default' | 'system' | 'bundled' | 'extra') => string[]

/** Node's reader of its root stores, where the runtime has it (null on Node 20). */
function caGetter(): CaGetter | null {
  const get = (tls as unknown as { getCACertificates?: unknown }).getCACertificates
  return typeof get === 'function' ? (get as CaGetter).bind(tls) : null
}

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** NODE_EXTRA_CA_CERTS as Node read it at start (Node 20 has no reader for it: read the file). */
function extraFromEnvironment(): string[] {
  const path = process.env['NODE_EXTRA_CA_CERTS']
  if (!path) return []
  try {
    return readFileSync(path, 'utf8').match(PEM) ?? []
  } catch {
    return []
  }
}

function read(type: 'system' | 'extra'): string[] {
  const get = caGetter()
  if (!get) return type === 'extra' ? extraFromEnvironment() : []
  try {
    return get(type)
  } catch {
    // An unreadable OS store leaves the public roots; it must not break every connection.
    return []
  }
}

let systemCache: string[] | null = null
/** The OS store's roots (read once; [] where the runtime cannot read it). */
export function systemRoots(): string[] {
  systemCache ??= read('system')
  return systemCache
}

/** Whether this runtime can read the OS store itself (otherwise only via --use-openssl-ca). */
export const canReadSystemStore = (): boolean => caGetter() !== null

const contexts = new Map<string, tls.SecureContext>()

/**
 * The secure context to verify with: bundled roots + OS store + NODE_EXTRA_CA_CERTS + `ca`,
 * built once per CA set and minimum version (parsing ~150 roots costs tens of milliseconds).
 * Undefined when Node's default context already trusts exactly that (Node 20 without `ca`): the
 * default also honours --use-openssl-ca, which an explicit root list would silently drop.
 */
export function trustContext(ca: string[] = [], minVersion: tls.SecureVersion = 'TLSv1'): tls.SecureContext | undefined {
  const system = systemRoots()
  if (ca.length === 0 && system.length === 0) {
    return minVersion === 'TLSv1' ? undefined : cached(`default\n${minVersion}`, () => tls.createSecureContext({ minVersion }))
  }
  return cached(`${minVersion}\n${ca.join('\n')}`, () => {
    const roots = [...new Set([...tls.rootCertificates, ...read('extra'), ...system, ...ca])]
    return tls.createSecureContext({ ca: roots, minVersion })
  })
}

function cached(key: string, make: () => tls.SecureContext): tls.SecureContext {
  let context = contexts.get(key)
  if (!context) {
    context = make()
    contexts.set(key, context)
  }
  return context
}

const fingerprints = new Map<string, Set<string>>()
function fingerprintsOf(name: string, pems: readonly string[]): Set<string> {
  let set = fingerprints.get(name)
  if (!set) {
    set = new Set()
    for (const pem of pems) {
      try {
        set.add(new X509Certificate(pem).fingerprint256)
      } catch {
        // A root Node could not parse cannot be the anchor of a chain it verified either.
      }
    }
    fingerprints.set(name, set)
  }
  return set
}

type Peer = tls.PeerCertificate & { issuerCertificate?: Peer }

/** The last certificate of the chain Node built: the trust anchor it verified against. */
function anchorOf(leaf: tls.PeerCertificate): Peer {
  let cert = leaf as Peer
  for (let i = 0; i < 10 && cert.issuerCertificate && cert.issuerCertificate !== cert && cert.issuerCertificate.fingerprint256 !== cert.fingerprint256; i += 1) {
    cert = cert.issuerCertificate
  }
  return cert
}

/**
 * Which store vouched for a verified chain: `public` (Node's bundled Mozilla roots), `system` (the
 * OS store, read by the runtime or through OpenSSL's), `extra` (NODE_EXTRA_CA_CERTS or a test CA).
 */
export function trustStoreOf(leaf: tls.PeerCertificate, ca: string[] = []): TrustStore {
  const anchor = anchorOf(leaf).fingerprint256
  if (fingerprintsOf('bundled', tls.rootCertificates).has(anchor)) return 'public'
  if (ca.length > 0 && fingerprintsOf(`ca\n${ca.join('\n')}`, ca).has(anchor)) return 'extra'
  if (fingerprintsOf('extra', read('extra')).has(anchor)) return 'extra'
  // Anything else Node accepted came from the OS store: read by the runtime, or OpenSSL's own.
  return 'system'
}
