// The lab's throw-away CA and one server certificate per lab provider, made at run time by the
// tests' one certificate maker (helpers/pki.ts) and written as PEM files: the lab's server process
// reads its keys from them, and the client trusts the CA through NODE_EXTRA_CA_CERTS.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeCert } from '../helpers/pki'

export interface CertPair {
  /** Path of the PEM key file. */
  key: string
  /** Path of the PEM certificate file. */
  cert: string
}

export interface LabCerts {
  /** PEM file of the lab CA: give it to the client as NODE_EXTRA_CA_CERTS. */
  caPath: string
  /** One key/cert file pair per requested leaf, in request order. */
  leaves: CertPair[]
}

export interface LeafRequest {
  /** File-name stem, e.g. "provider-a". */
  id: string
  /** DNS names for the SAN; the first is also the subject CN. */
  names: string[]
}

const ORGANIZATION = 'ClearPort Lab'

export async function makeLabCerts(dir: string, leaves: LeafRequest[]): Promise<LabCerts> {
  const issuer = await makeCert({ commonName: 'ClearPort Lab CA', organization: ORGANIZATION, ca: true })
  const caPath = join(dir, 'ca.pem')
  await writeFile(caPath, issuer.cert)
  const pairs = await Promise.all(
    leaves.map(async ({ id, names }): Promise<CertPair> => {
      if (names.length === 0) throw new Error(`certificate ${id} needs at least one name`)
      const made = await makeCert({ names, organization: ORGANIZATION, issuer })
      const pair = { key: join(dir, `${id}.key`), cert: join(dir, `${id}.pem`) }
      await Promise.all([writeFile(pair.key, made.key, { mode: 0o600 }), writeFile(pair.cert, made.cert)])
      return pair
    }),
  )
  return { caPath, leaves: pairs }
}
