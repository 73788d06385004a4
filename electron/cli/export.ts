// `clearport export`: settings (a JSON file, flags, or discovery's recommendation) → one export
// file on stdout or, with -o, written atomically (a temporary file in the same folder, then a
// link or rename into place, so a reader never sees half a file and an existing file is only
// replaced with --force).
import { randomBytes } from 'node:crypto'
import { link, open, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { ExportError, parseAccountSettings, parseReportParts, renderExport, type ExportFile, type ReportParts } from '@shared/export/index'
import { untestedSentence, type DiscoveryReport } from '@shared/discovery'
import type { AccountSettings } from '@shared/settings'
import { discover } from '../engine/discover/index'
import type { ExportCommand } from './export-args'
import { readJsonFile } from './json-file'
import { exitCodes, RunError, UsageError } from './cli-error'

/** A problem with what the person gave (exit 2), as opposed to one while running (exit 1). */
export { UsageError as ExportUsageError, RunError as ExportRunError } from './cli-error'

export interface ExportIo {
  stdout: (data: string | Uint8Array) => void
  stderr: (text: string) => void
}


async function settingsFromFile(path: string, address: string): Promise<AccountSettings> {
  const data = await readJsonFile(path, 'settings file')
  let account: AccountSettings
  try {
    account = parseAccountSettings(data)
  } catch (error) {
    if (error instanceof ExportError) throw new UsageError(`the settings file ${JSON.stringify(path)} is invalid at ${error.field}: ${error.reason}`)
    throw error
  }
  if (account.address !== address) {
    throw new UsageError(`the settings file ${JSON.stringify(path)} is for ${account.address}, not ${address}`)
  }
  return account
}

async function settingsFromDiscovery(command: ExportCommand, signal: AbortSignal, io: ExportIo): Promise<{ account: AccountSettings; discovery: DiscoveryReport }> {
  if (!command.quiet) io.stderr(`clearport: no settings given; discovering the settings for ${command.address}\n`)
  const report = await discover(command.address, {
    ...(command.dnsServer !== undefined && { dnsServer: command.dnsServer }),
    ...(command.portMap !== undefined && { portMap: command.portMap }),
    ...(command.ispdbBaseUrl !== undefined && { ispdbBaseUrl: command.ispdbBaseUrl }),
    signal,
    onProgress: (event) => {
      if (command.quiet) return
      if (event.type === 'source' && event.state === 'done') io.stderr(`clearport: ${event.source}: ${event.detail.length > 160 ? `${event.detail.slice(0, 160)}…` : event.detail}\n`)
    },
  })
  const recommended = report.recommended
  const missing = !recommended ? 'no settings' : recommended.incoming.length === 0 ? 'no incoming server' : recommended.outgoing.length === 0 ? 'no outgoing server' : null
  if (!recommended || missing) {
    throw new RunError(`discovery verified ${missing ?? 'no settings'} for ${command.address}; pass --settings FILE or --imap/--pop3 and --smtp`)
  }
  if (!command.quiet) {
    for (const u of report.untested) {
      io.stderr(`clearport: ${untestedSentence(u)}\n`)
    }
  }
  return { account: parseAccountSettings(recommended), discovery: report }
}

function encode(file: ExportFile): Buffer {
  if (file.encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file.text, 'utf16le')])
  return Buffer.from(file.text, 'utf8')
}

function writeProblem(path: string, error: unknown): RunError {
  const code = (error as NodeJS.ErrnoException).code
  const why =
    code === 'ENOENT' ? 'the folder does not exist'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
        : code === 'EISDIR' ? 'it is a folder'
          : code === 'ENOTDIR' ? 'a part of the path is not a folder'
            : code === 'EROFS' ? 'the file system is read-only'
              : code === 'ENOSPC' ? 'the disk is full'
                : (code ?? 'error')
  return new RunError(`cannot write ${JSON.stringify(path)}: ${why}`)
}

/** Write `bytes` to `target` atomically; refuse to replace an existing file unless `force`. */
export async function writeFileAtomic(target: string, bytes: Uint8Array, force: boolean): Promise<void> {
  const path = resolve(target)
  const existing = await stat(path).catch(() => null)
  if (existing?.isDirectory()) throw new RunError(`cannot write ${JSON.stringify(target)}: it is a folder`)
  if (existing && !force) throw new UsageError(`${JSON.stringify(target)} already exists; add --force to replace it`)
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  let written = false
  try {
    const handle = await open(temp, 'wx', 0o644)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    written = true
    if (force) {
      await rename(temp, path)
    } else {
      // link() fails with EEXIST instead of replacing: no window in which another file is clobbered.
      try {
        await link(temp, path)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EEXIST') throw new UsageError(`${JSON.stringify(target)} already exists; add --force to replace it`)
        // File systems without hard links (FAT, some network shares): checked above, rename now.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error
        await rename(temp, path)
      }
    }
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw writeProblem(target, error)
  } finally {
    // After a rename the temporary name is gone already; after a link or a failure it is removed.
    if (written || (await stat(temp).catch(() => null))) await unlink(temp).catch(() => {})
  }
}

export async function runExport(command: ExportCommand, signal: AbortSignal, io: ExportIo): Promise<number> {
  let account: AccountSettings
  let discovery: DiscoveryReport | undefined
  switch (command.settings.kind) {
    case 'file':
      account = await settingsFromFile(command.settings.path, command.address)
      break
    case 'flags':
      account = command.settings.account
      break
    case 'discover':
      ;({ account, discovery } = await settingsFromDiscovery(command, signal, io))
      break
  }
  const report: ReportParts = {}
  if (command.port25File !== undefined) {
    const data = await readJsonFile(command.port25File, 'port-25 report')
    try {
      Object.assign(report, parseReportParts({ port25: data }))
    } catch (error) {
      if (error instanceof ExportError) throw new UsageError(`the port-25 report ${JSON.stringify(command.port25File)} is invalid at ${error.field}: ${error.reason}`)
      throw error
    }
  }
  if (discovery) report.discovery = discovery

  let file: ExportFile
  try {
    file = await renderExport(command.format, { account, report }, { generatedAt: new Date().toISOString() })
  } catch (error) {
    if (error instanceof ExportError) throw new UsageError(`cannot write the ${command.format} export: ${error.message}`)
    throw error
  }
  const bytes = encode(file)
  if (command.output !== undefined) {
    await writeFileAtomic(command.output, bytes, command.force)
    if (!command.quiet) {
      io.stderr(`clearport: wrote ${command.output} (${bytes.length} bytes, ${file.mimeType})\n`)
      if (file.instructions) io.stderr(`\n${file.instructions}\n`)
    }
  } else {
    io.stdout(bytes)
    if (!command.quiet && file.instructions) io.stderr(`\n${file.instructions}\n`)
  }
  return exitCodes.done
}
