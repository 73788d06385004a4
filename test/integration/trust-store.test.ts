// Trust what the person's mail program trusts (issue 14, item 15). A test CA that is no public
// authority stands in for a company's TLS-inspection root. Installed in the operating system's
// store — here OpenSSL's store, which Node 20 reads with --use-openssl-ca (SSL_CERT_FILE points it
// at the test CA; newer runtimes read the OS store with tls.getCACertificates('system')) — it
// makes `probe` verify and say "this computer's own certificate store", and `send` sign in with a
// warning that the connection is inspected. Without it, the same server is not trusted.
import tls from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canReadSystemStore, systemRoots } from '../../electron/engine/net/trust'
import { caFolder, requireBuiltCli, runClearport, type CaFolder } from '../helpers/clearport-process'
import { makeTestPki, type TestPki } from '../helpers/pki'
import { CANARY_PASSWORD, USER, startMailServer, type MailServer } from '../helpers/send-fixtures'
import { itUnless } from '../helpers/skip'

let pki: TestPki
let ssl: MailServer
let store: CaFolder
beforeAll(async () => {
  requireBuiltCli()
  pki = await makeTestPki()
  ssl = await startMailServer({ kind: 'ssl', keyCert: pki.good })
  store = await caFolder('trust', pki.ca, 'system-store.pem')
})
afterAll(async () => {
  await Promise.all([ssl?.close(), store?.remove()])
})

/** The environment of a machine whose OS store holds the test CA (and nothing else). */
const systemStore = (): NodeJS.ProcessEnv => ({ NODE_OPTIONS: '--use-openssl-ca', SSL_CERT_FILE: store.caFile, SSL_CERT_DIR: store.dir })

describe('the OS trust store', () => {
  it('probe: a root only in the OS store verifies, and the summary says so', async () => {
    const run = await runClearport(['probe', '127.0.0.1', String(ssl.port), '--tls'], { env: systemStore() })
    expect(run.stdout).toMatch(/verified by this computer’s own certificate store/)
    const json = await runClearport(['probe', '127.0.0.1', String(ssl.port), '--tls', '--json'], { env: systemStore() })
    expect(JSON.parse(json.stdout).tls.certificate).toMatchObject({ verified: true, trustedBy: 'system' })
  })

  it('probe: without it, the same server is not trusted (the public roots do not know it)', async () => {
    const run = await runClearport(['probe', '127.0.0.1', String(ssl.port), '--tls', '--json'])
    expect(JSON.parse(run.stdout).tls.certificate).toMatchObject({ verified: false, trustedBy: null })
  })

  it('send: signs in, and warns that a root from the OS store (no public CA) vouched', async () => {
    const run = await runClearport(['send', USER, '--smtp', `127.0.0.1:${ssl.port}:SSL`, '--no-send', '--password-stdin'], { input: `${CANARY_PASSWORD}\n`, env: systemStore() })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/verified by this computer’s own certificate store/)
    expect(run.stdout).toMatch(/root installed in this computer's own certificate store/)
  })

  it('NODE_EXTRA_CA_CERTS is named as an extra root, not as the OS store', async () => {
    const run = await runClearport(['probe', '127.0.0.1', String(ssl.port), '--tls', '--json'], { env: { NODE_EXTRA_CA_CERTS: store.caFile } })
    expect(JSON.parse(run.stdout).tls.certificate).toMatchObject({ verified: true, trustedBy: 'extra' })
  })

  const noSystemStore = canReadSystemStore() ? null : `Node ${process.version} has no tls.getCACertificates (Node 22.15+/23.5+ and Electron 45 do); the OS store is reached through --use-openssl-ca here`
  itUnless(noSystemStore, 'where the runtime reads the OS store itself, ClearPort trusts what it returns', () => {
    const get = (tls as unknown as { getCACertificates: (type: string) => string[] }).getCACertificates
    expect(systemRoots()).toEqual(get('system'))
  })
})
