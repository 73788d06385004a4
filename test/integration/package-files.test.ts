// What ships: electron-builder packs the app for real (offline: a stub stands in for the Electron
// binary, toolchain.md §7), then this reads the asar header and checks that it holds only the
// build output, package.json and the runtime dependencies (with their own dependencies), and
// that the security fuses were flipped in the binary as electron.builder.yml says.
import { execFile } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeUnless } from '../helpers/skip'

const root = resolve(__dirname, '../..')
const run = promisify(execFile)

/** @electron/fuses looks for this marker, then a version byte, a length byte and one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's fuse order (FuseV1Options) and its shipped defaults, '1' on, '0' off. */
const FUSES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'] as const
const SHIPPED_DEFAULTS = '10110001'

function skipReason(): string | null {
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) return 'the app is not built (out/main/index.js): run `npx electron-vite build` first'
  if (!existsSync(join(root, 'node_modules', '.bin', 'electron-builder'))) return 'electron-builder is not installed'
  return null
}
const reason = skipReason()

/** Reads an asar's file list from its header: two Chromium pickles, the second holding JSON. */
function asarFiles(path: string): string[] {
  const file = readFileSync(path)
  // Pickle 1: payload size (4), then the header pickle's size. Pickle 2: payload size, string length, JSON.
  const headerPickleSize = file.readUInt32LE(4)
  const jsonLength = file.readUInt32LE(12)
  if (16 + jsonLength > 8 + headerPickleSize) throw new Error(`${path}: the asar header is inconsistent`)
  const header = JSON.parse(file.subarray(16, 16 + jsonLength).toString('utf8')) as AsarNode
  const out: string[] = []
  const walk = (node: AsarNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix === '' ? name : `${prefix}/${name}`
      if (child.files) walk(child, path)
      else out.push(path)
    }
  }
  walk(header, '')
  return out.sort()
}

interface AsarNode {
  files?: Record<string, AsarNode>
  size?: number
  offset?: string
  unpacked?: boolean
}

/** One file's bytes out of an asar: data starts after the header pickle, at the entry's offset. */
function asarRead(path: string, inside: string): string {
  const file = readFileSync(path)
  const headerPickleSize = file.readUInt32LE(4)
  const jsonLength = file.readUInt32LE(12)
  let node = JSON.parse(file.subarray(16, 16 + jsonLength).toString('utf8')) as AsarNode
  for (const part of inside.split('/')) {
    const next = node.files?.[part]
    if (!next) throw new Error(`${inside} is not in ${path}`)
    node = next
  }
  const start = 8 + headerPickleSize + Number(node.offset)
  return file.subarray(start, start + (node.size ?? 0)).toString('utf8')
}

/** The runtime dependencies and everything they depend on, from package-lock.json. */
function runtimeClosure(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>
  }
  const seen = new Set<string>()
  const queue = Object.keys(pkg.dependencies)
  while (queue.length > 0) {
    const name = queue.pop() as string
    if (seen.has(name)) continue
    seen.add(name)
    const entry = lock.packages[`node_modules/${name}`]
    queue.push(...Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies }))
  }
  return seen
}

/** The top-level package a node_modules path belongs to ("@scope/name" or "name"). */
function topPackage(path: string): string {
  const parts = path.split('/')
  return parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : (parts[1] ?? '')
}

describeUnless(reason, 'the packaged app (electron-builder --dir --linux, offline)', () => {
  let work: string
  let files: string[]
  let resources: string[]
  let binary: Buffer
  let mainBundle: string

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'clearport-package-'))
    const dist = join(work, 'electron-dist')
    const output = join(work, 'out')
    // A stub "Electron": a script that carries a fuse wire at its shipped defaults, so the
    // fuse step runs for real and its result can be read back.
    await import('node:fs/promises').then((fs) => fs.mkdir(dist))
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nexit 0\n# ${FUSE_SENTINEL}\u0001\u0008${SHIPPED_DEFAULTS}\n`, 'latin1')
    chmodSync(join(dist, 'electron'), 0o755)
    copyFileSync(join(root, 'node_modules', 'electron', 'LICENSE'), join(dist, 'LICENSE'))
    writeFileSync(join(dist, 'version'), JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version)

    await run(
      join(root, 'node_modules', '.bin', 'electron-builder'),
      ['--dir', '--linux', '--config', 'electron.builder.yml', `-c.electronDist=${dist}`, `-c.directories.output=${output}`],
      { cwd: root, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: 'true' }, timeout: 60_000 },
    )
    const unpacked = join(output, 'linux-unpacked')
    resources = readdirSync(join(unpacked, 'resources')).sort()
    files = asarFiles(join(unpacked, 'resources', 'app.asar'))
    mainBundle = asarRead(join(unpacked, 'resources', 'app.asar'), 'out/main/index.js')
    binary = readFileSync(join(unpacked, 'clearport'))
  }, 90_000)

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('resources hold the asar and nothing unpacked beside it', () => {
    expect(resources).toEqual(['app.asar'])
  })

  it('the asar holds only out/**, package.json and runtime dependencies', () => {
    const stray = files.filter((f) => !f.startsWith('out/') && f !== 'package.json' && !f.startsWith('node_modules/'))
    expect(stray).toEqual([])
    for (const entry of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) expect(files).toContain(entry)
    // No sources, tests, keys or source maps came along.
    expect(files.filter((f) => /\.(tsx?|mts|pem|key|map)$/.test(f) && !f.startsWith('node_modules/'))).toEqual([])
  })

  it('every packed package is a runtime dependency or one of theirs; no dev tool ships', () => {
    const allowed = runtimeClosure()
    const packed = new Set(files.filter((f) => f.startsWith('node_modules/')).map(topPackage))
    expect([...packed].filter((name) => !allowed.has(name))).toEqual([])
    for (const dep of ['nodemailer', 'imapflow', 'zod', 'fast-xml-parser', 'plist']) expect(packed).toContain(dep)
    for (const dev of ['electron', 'react', 'react-dom', 'zustand', 'vite', 'electron-vite', 'typescript', 'dns2', 'smtp-server', 'selfsigned', 'vitest']) {
      expect(packed).not.toContain(dev)
    }
  })

  it('ships no native module, so the macOS build needs no disable-library-validation entitlement', () => {
    expect(files.filter((f) => f.endsWith('.node'))).toEqual([])
    const entitlements = readFileSync(join(root, 'build', 'entitlements.mac.plist'), 'utf8')
    expect(readFileSync(join(root, 'electron.builder.yml'), 'utf8')).toMatch(/^ {2}entitlements: build\/entitlements\.mac\.plist$/m)
    expect(entitlements).toMatch(/com\.apple\.security\.cs\.allow-jit/)
    expect(entitlements.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/disable-library-validation|allow-unsigned-executable-memory/)
  })

  it('the packed main process turns developer tools off and refuses debugging flags when packaged', () => {
    // The built code itself, as it ships in the asar (the behaviour is unit-tested in launch-flags.test.ts).
    expect(mainBundle).toMatch(/devTools: devServerUrl !== void 0|devTools: devServerUrl !== undefined/)
    expect(mainBundle).toMatch(/remote-debugging-port/)
    expect(mainBundle).toMatch(/isPackaged \? refusedLaunchFlags\(/)
  })

  it('the fuses are flipped as electron.builder.yml says', () => {
    const at = binary.indexOf(FUSE_SENTINEL, 0, 'latin1')
    expect(at).toBeGreaterThan(0)
    const wire = binary.subarray(at + FUSE_SENTINEL.length + 2, at + FUSE_SENTINEL.length + 2 + FUSES.length).toString('latin1')
    const state = Object.fromEntries(FUSES.map((name, i) => [name, wire[i] === '1']))
    expect(state).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
  })
})
