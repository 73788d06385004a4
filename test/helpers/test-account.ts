// The tests' one mail account, and the canary secrets every output is scanned for (stdout,
// stderr, JSON, transcripts, files): no output may ever contain them.
import type { SMTPServerOptions } from 'smtp-server'

export const USER = 'alice@example.test'
export const CANARY_PASSWORD = 'Canary-pw-7f3e9b2c-X!'
export const CANARY_TOKEN = 'ya29.canary-token-5d1c0a77e3'

/** smtp-server's onAuth for the test account: its password, or its XOAUTH2 token. */
export const acceptTestAccount: NonNullable<SMTPServerOptions['onAuth']> = (auth, _session, callback) => {
  const ok = auth.username === USER && (auth.method === 'XOAUTH2' ? auth.accessToken === CANARY_TOKEN : auth.password === CANARY_PASSWORD)
  if (ok) return callback(null, { user: USER })
  if (auth.method === 'XOAUTH2') {
    // RFC 7628-style challenge; smtp-server then waits for the client's empty line and fails.
    return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } })
  }
  return callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }))
}
