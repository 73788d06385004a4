// A throw-away CA and one server certificate per lab provider, made with the openssl CLI at run
// time so no key ever lives in the repository. EC P-256 keeps each `openssl` call to a few ms.
import { join } from 'node:path'
import { runOk } from './exec'

export interface CertPair {
  key: string
  cert: string
}

export interface LabCerts {
  /** PEM file of the lab CA: give it to the client as NODE_EXTRA_CA_CERTS. */
  caPath: string
  /** One key/cert per requested leaf, in request order. */
  leaves: CertPair[]
}

export interface LeafRequest {
  /** File-name stem, e.g. "provider-a". */
  id: string
  /** DNS names for the SAN; the first is also the subject CN. */
  names: string[]
}

const OPENSSL_DEADLINE_MS = 10_000
const NEW_EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']

export async function makeLabCerts(dir: string, leaves: LeafRequest[]): Promise<LabCerts> {
  const caKey = join(dir, 'ca.key')
  const caPath = join(dir, 'ca.pem')
  await runOk('openssl', [
    'req', '-x509', ...NEW_EC_KEY, '-days', '2', '-subj', '/O=ClearPort Lab/CN=ClearPort Lab CA',
    '-keyout', caKey, '-out', caPath,
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ], { timeoutMs: OPENSSL_DEADLINE_MS })

  const pairs = await Promise.all(
    leaves.map(async ({ id, names }): Promise<CertPair> => {
      const [cn] = names
      if (cn === undefined) throw new Error(`certificate ${id} needs at least one name`)
      const pair = { key: join(dir, `${id}.key`), cert: join(dir, `${id}.pem`) }
      // `req -x509 -CA` (OpenSSL 3) signs in one call. CA:FALSE is explicit because the default
      // config would otherwise copy the CA's v3_ca extensions onto the leaf.
      await runOk('openssl', [
        'req', '-x509', ...NEW_EC_KEY, '-days', '2', '-subj', `/O=ClearPort Lab/CN=${cn}`,
        '-CA', caPath, '-CAkey', caKey, '-keyout', pair.key, '-out', pair.cert,
        '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
        '-addext', 'basicConstraints=critical,CA:FALSE',
        '-addext', 'extendedKeyUsage=serverAuth',
      ], { timeoutMs: OPENSSL_DEADLINE_MS })
      return pair
    }),
  )
  return { caPath, leaves: pairs }
}
