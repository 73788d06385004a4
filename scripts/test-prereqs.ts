// What `npm test` needs from the machine, brought before anything else runs, so that the README's
// two commands pass on a fresh Debian machine by themselves. Chromium is required (the Playwright
// tests and the renderer benchmark); Dovecot lets the IMAP read-back tests run, and nftables,
// iproute2, openssl and GNU time the network lab and its benchmark (root only). As root with
// apt-get, whatever is missing is installed, non-interactively; otherwise a missing Chromium stops
// the run with one line naming what to install, and a missing optional tool gets one line naming
// the suite that will skip. Silent and quick when everything is there.
//   node --import tsx scripts/test-prereqs.ts [--dry-run] [--no-install]
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { findChromium } from '../test/e2e/support/chromium.ts'
import { findDovecot } from '../test/helpers/dovecot.ts'

export interface Need {
  /** The Debian package that brings it. */
  pkg: string
  /** Which tests need it, for the one line a person reads. */
  usedBy: string
  /** Without it `npm test` fails (rather than skipping a suite with a printed reason). */
  required: boolean
  /** Only used as root (the network lab), so not worth a word to anyone else. */
  rootOnly: boolean
  /** Where it was found, or null. */
  found: string | null
  /** Set when an environment variable names the one path to use: installing would not help. */
  chosen?: { variable: string; path: string }
}

export interface Machine {
  needs: Need[]
  root: boolean
  /** apt-get exists, so the Debian package names above can be installed. */
  apt: boolean
  /** Installing is allowed (false with --no-install, and after an install was already tried). */
  mayInstall: boolean
}

export type Plan =
  | { kind: 'ready'; notes: string[] }
  | { kind: 'install'; packages: string[] }
  | { kind: 'stop'; line: string }

const PREFIX = 'test-prereqs:'

function remedy(need: Need, root: boolean, apt: boolean): string {
  if (need.chosen) return `${need.chosen.variable}=${need.chosen.path} does not exist (unset it, or point it at the binary)`
  return apt ? `${root ? '' : 'sudo '}apt-get install ${need.pkg}` : `install ${need.pkg}`
}

/** The pure decision: what to do about what is missing on this machine. */
export function decide(m: Machine): Plan {
  const missing = m.needs.filter((n) => n.found === null && (m.root || !n.rootOnly))
  const installable = missing.filter((n) => !n.chosen)
  if (m.root && m.apt && m.mayInstall && installable.length > 0) return { kind: 'install', packages: installable.map((n) => n.pkg) }
  const required = missing.filter((n) => n.required)
  if (required.length > 0) {
    const need = required[0]!
    if (need.chosen) return { kind: 'stop', line: `${PREFIX} ${need.usedBy} need ${need.pkg}, but ${remedy(need, m.root, m.apt)}` }
    // One command for everything missing that apt can bring: one line, one thing to do.
    const pkgs = installable.map((n) => n.pkg).join(' ')
    const how = m.apt
      ? `run \`${m.root ? '' : 'sudo '}apt-get install -y ${pkgs}\``
      : `install ${pkgs} with this system's package manager (or \`npx playwright install --with-deps chromium\`)`
    return { kind: 'stop', line: `${PREFIX} ${need.usedBy} need ${need.pkg}, which is not installed: ${how}, then run npm test again` }
  }
  return { kind: 'ready', notes: missing.map((n) => `${PREFIX} ${n.usedBy} will skip: ${n.pkg} is missing (${remedy(n, m.root, m.apt)})`) }
}

function onPath(command: string, extra: readonly string[] = []): string | null {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), ...extra].filter(Boolean)
  for (const dir of dirs) {
    const path = join(dir, command)
    try {
      accessSync(path, constants.X_OK)
      return path
    } catch {
      // Not in this folder.
    }
  }
  return null
}

function chosen(variable: string): Pick<Need, 'chosen'> {
  const path = process.env[variable]
  return path ? { chosen: { variable, path } } : {}
}

/** What this machine has, looked up the way the tests look it up. */
export function survey(): Need[] {
  // Root's tools live in sbin, which a login shell of another user may not have on PATH.
  const sbin = ['/usr/sbin', '/sbin']
  return [
    { pkg: 'chromium', usedBy: 'the Playwright tests', required: true, rootOnly: false, found: findChromium() ?? null, ...chosen('CLEARPORT_CHROMIUM') },
    { pkg: 'dovecot-imapd', usedBy: 'the IMAP read-back tests', required: false, rootOnly: false, found: findDovecot(), ...chosen('CLEARPORT_DOVECOT') },
    { pkg: 'nftables', usedBy: 'the network-lab tests', required: false, rootOnly: true, found: onPath('nft', sbin) },
    { pkg: 'iproute2', usedBy: 'the network-lab tests', required: false, rootOnly: true, found: onPath('ip', sbin) },
    { pkg: 'openssl', usedBy: 'the network-lab tests', required: false, rootOnly: true, found: onPath('openssl') },
    { pkg: 'time', usedBy: 'the port-25 benchmark', required: false, rootOnly: true, found: existsSync('/usr/bin/time') ? '/usr/bin/time' : null },
  ]
}

function apt(args: string[], timeoutMs: number): void {
  const r = spawnSync('apt-get', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  })
  if (r.status !== 0) {
    const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}`
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')
    throw new Error(`apt-get ${args.join(' ')} failed (${why}):\n${tail}`)
  }
}

function install(packages: string[]): void {
  const started = performance.now()
  process.stdout.write(`${PREFIX} installing ${packages.join(' ')} (apt-get, as root) …\n`)
  // Every network operation has a deadline: the package lists in 5 min, the packages in 20.
  apt(['update', '-qq'], 5 * 60_000)
  apt(['install', '-y', '-qq', '--no-install-recommends', ...packages], 20 * 60_000)
  process.stdout.write(`${PREFIX} installed in ${Math.round((performance.now() - started) / 1000)} s\n`)
}

function main(argv: string[]): number {
  const dryRun = argv.includes('--dry-run')
  const unknown = argv.filter((a) => a !== '--dry-run' && a !== '--no-install')
  if (unknown.length > 0) {
    process.stderr.write(`${PREFIX} unknown option ${unknown[0]} (options: --dry-run, --no-install)\n`)
    return 2
  }
  const machine = (): Machine => ({
    needs: survey(),
    root: process.getuid?.() === 0,
    apt: onPath('apt-get', ['/usr/bin']) !== null,
    mayInstall: !argv.includes('--no-install'),
  })
  let plan = decide(machine())
  if (plan.kind === 'install') {
    if (dryRun) {
      process.stdout.write(`${PREFIX} would install ${plan.packages.join(' ')} (apt-get)\n`)
      return 0
    }
    install(plan.packages)
    plan = decide({ ...machine(), mayInstall: false })
  }
  if (plan.kind === 'stop') {
    process.stderr.write(`${plan.line}\n`)
    return 1
  }
  for (const note of plan.kind === 'ready' ? plan.notes : []) process.stdout.write(`${note}\n`)
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = main(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${PREFIX} ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
}
