// A real Dovecot (Debian's dovecot-imapd) on loopback for read-back tests: our own config in a
// temp dir, one passwd-file user (the password stored hashed, so no file holds it), a Maildir,
// `ssl = required` with a certificate made at test time, IMAPS and IMAP+STARTTLS listeners on free
// loopback ports (127.0.0.1 unless asked). No system service is touched: base_dir, state_dir and the log live in the
// temp dir and the master runs in the foreground as our child process.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, chown, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import type { KeyCert } from './pki'
import { freePort } from './ports'

/**
 * Where Dovecot is: CLEARPORT_DOVECOT when set (that path only), else Debian's or a local build.
 * scripts/test-prereqs.ts uses the same lookup to decide whether `npm test` installs it first.
 */
export function findDovecot(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env['CLEARPORT_DOVECOT']
  return (chosen ? [chosen] : ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot']).find((p) => existsSync(p)) ?? null
}

export interface RunningDovecot {
  /** IMAP over TLS from the first byte. */
  imapsPort: number
  /** IMAP with STARTTLS (plaintext LOGIN refused: `ssl = required`). */
  imapPort: number
  /** The user's Maildir (cur/, new/, tmp/). */
  maildir: string
  /** Deliver one message the way an MTA does: write into tmp/, rename into new/. */
  deliver(raw: string): Promise<void>
  /** Every message file in the Maildir (new/ and cur/). */
  messages(): Promise<string[]>
  log(): Promise<string>
  close(): Promise<void>
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** uid/gid by name from /etc/passwd and /etc/group (no shelling out). */
async function ids(user: string, group: string): Promise<{ uid: number; gid: number } | null> {
  const find = async (file: string, name: string): Promise<number | null> => {
    const text = await readFile(file, 'utf8').catch(() => '')
    const line = text.split('\n').find((l) => l.split(':')[0] === name)
    const id = line ? Number(line.split(':')[2]) : NaN
    return Number.isInteger(id) ? id : null
  }
  const uid = await find('/etc/passwd', user)
  const gid = await find('/etc/group', group)
  return uid === null || gid === null ? null : { uid, gid }
}

/**
 * OAuth2 (XOAUTH2/OAUTHBEARER) through Dovecot's oauth2 passdb: Dovecot asks this RFC 7662
 * token-introspection endpoint (started by the test) whether a token is active and whose it is.
 */
export interface DovecotOAuth2 {
  introspectionUrl: string
}

function oauth2Passdb(dir: string, oauth2: DovecotOAuth2 | undefined): string {
  if (!oauth2) return ''
  return `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/dovecot-oauth2.conf.ext
}
`
}

function config(dir: string, p: { address: string; imapsPort: number; imapPort: number; uid: number; gid: number; loginUser: string; internalUser: string; oauth2?: DovecotOAuth2 }): string {
  return `# ClearPort test instance — nothing here is the system's Dovecot.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
protocols = imap
listen = ${p.address}
default_login_user = ${p.loginUser}
default_internal_user = ${p.internalUser}
ssl = required
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login${p.oauth2 ? ' xoauth2 oauthbearer' : ''}
# Tests of a refused password need no 2 s penalty.
auth_failure_delay = 0
${oauth2Passdb(dir, p.oauth2)}passdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${p.uid} gid=${p.gid} home=${dir}/home/%n
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
service imap-login {
  chroot =
  inet_listener imap {
    address = ${p.address}
    port = ${p.imapPort}
  }
  inet_listener imaps {
    address = ${p.address}
    port = ${p.imapsPort}
    ssl = yes
  }
}
`
}

/**
 * Start Dovecot for one user. Rejects with a one-line reason when Dovecot is missing or cannot
 * run here; tests print that reason and skip.
 */
export interface DovecotOptions {
  user: string
  password: string
  keyCert: KeyCert
  oauth2?: DovecotOAuth2
  /**
   * The loopback address to listen on (default 127.0.0.1). Dovecot counts a client on its own
   * address as secure and offers AUTH before TLS there; a probe of the pre-TLS state needs another.
   */
  address?: string
}

export async function startDovecot(options: DovecotOptions): Promise<RunningDovecot> {
  const address = options.address ?? '127.0.0.1'
  const dovecot = findDovecot()
  if (!dovecot) throw new Error('dovecot is not installed (Debian: apt-get install dovecot-imapd)')
  const root = process.getuid?.() === 0
  // As root, mail belongs to nobody and the login/auth processes to Dovecot's own users; as
  // another user everything runs as that user (Dovecot allows it with these two settings).
  const me = userInfo().username
  const mail = root ? await ids('nobody', 'nogroup') : { uid: userInfo().uid, gid: userInfo().gid }
  if (!mail) throw new Error('no "nobody"/"nogroup" account to own the test Maildir')
  const loginUser = root ? 'dovenull' : me
  const internalUser = root ? 'dovecot' : me
  if (root && !(await ids('dovenull', 'dovenull')) && !(await ids('dovenull', 'nogroup'))) throw new Error('the dovenull account is missing')

  const dir = await mkdtemp(join(tmpdir(), 'clearport-dovecot-'))
  // Dovecot's auth process (user "dovecot") must traverse the directory to read the passwd file.
  await chmod(dir, 0o755)
  const local = options.user.split('@')[0] ?? options.user
  const maildir = join(dir, 'home', local, 'Maildir')
  for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(maildir, sub), { recursive: true })
  for (const path of [join(dir, 'home'), join(dir, 'home', local), maildir, ...['cur', 'new', 'tmp'].map((s) => join(maildir, s))]) {
    await chown(path, mail.uid, mail.gid)
  }
  const hash = createHash('sha512').update(options.password, 'utf8').digest('base64')
  await writeFile(join(dir, 'passwd'), `${options.user}:{SHA512}${hash}\n`, { mode: 0o644 })
  await writeFile(join(dir, 'cert.pem'), options.keyCert.cert)
  await writeFile(join(dir, 'key.pem'), options.keyCert.key, { mode: 0o600 })
  if (options.oauth2) {
    const ext = ['introspection_mode = post', `introspection_url = ${options.oauth2.introspectionUrl}`, 'username_attribute = username', 'active_attribute = active', 'active_value = true']
    await writeFile(join(dir, 'dovecot-oauth2.conf.ext'), `${ext.join('\n')}\n`, { mode: 0o644 })
  }

  let child: ChildProcess | null = null
  let exited: Promise<void> = Promise.resolve()
  const readLog = (): Promise<string> => readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '')
  const stop = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const proc = child
      proc.kill('SIGTERM')
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(killer)
    }
    child = null
  }

  // A free port can be taken between our check and Dovecot's bind: try a few times.
  let lastReason = 'did not start'
  for (let attempt = 0; attempt < 3; attempt++) {
    const imapsPort = await freePort(address)
    const imapPort = await freePort(address)
    await writeFile(join(dir, 'dovecot.conf'), config(dir, { address, imapsPort, imapPort, uid: mail.uid, gid: mail.gid, loginUser, internalUser, oauth2: options.oauth2 }))
    let stderr = ''
    const proc = spawn(dovecot, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] })
    child = proc
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
    const ready = await (async () => {
      for (let i = 0; i < 200; i++) {
        if (proc.exitCode !== null || proc.signalCode !== null) return false
        if ((await listening(address, imapsPort)) && (await listening(address, imapPort))) return true
        // A child process says nothing when it listens: poll its ports (50 ms apart, 10 s at most).
        await new Promise((r) => setTimeout(r, 50))
      }
      return false
    })()
    if (ready) {
      return {
        imapsPort,
        imapPort,
        maildir,
        async deliver(raw) {
          const name = `${Date.now()}.${randomBytes(6).toString('hex')}.clearport-test`
          const tmp = join(maildir, 'tmp', name)
          await writeFile(tmp, raw.replace(/\r?\n/g, '\n'), { mode: 0o600 })
          await chown(tmp, mail.uid, mail.gid)
          await rename(tmp, join(maildir, 'new', name))
        },
        async messages() {
          const names = await Promise.all(['new', 'cur'].map((s) => readdir(join(maildir, s)).catch(() => [] as string[])))
          return names.flat()
        },
        log: readLog,
        async close() {
          await stop()
          await rm(dir, { recursive: true, force: true })
        },
      }
    }
    await stop()
    lastReason = `${(stderr.trim() || (await readLog()).trim()).split('\n').slice(-2).join(' | ') || 'did not start listening within 10 s'}`
  }
  await rm(dir, { recursive: true, force: true })
  throw new Error(`dovecot could not run: ${lastReason}`)
}
