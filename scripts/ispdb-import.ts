// The ISPDB importer's work: read every ispdb/*.xml of a checkout of Mozilla's ISPDB
// (github.com/thunderbird/autoconfig), keep the encrypted servers, and build the bundle
// (shared/providers/ispdb-data.ts): distinct configurations plus a domain index. Files are read
// with the same XML policy as discovery (no DOCTYPE, well-formedness first) and every server goes
// through discovery's own candidate check, so the bundle holds nothing discovery would refuse.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseClientConfig } from '../electron/engine/discover/clientconfig'
import { checkCandidate } from '../shared/discovery-rules'
import type { IspdbBundle, IspdbConfig, ServerTuple } from '../shared/providers/ispdb-data'
import { toAsciiDomain } from '../shared/validate'
import { importOAuth2 } from './ispdb-oauth'

/** Real ISPDB files are under 10 KB; anything this big is not one. */
export const MAX_FILE_BYTES = 256 * 1024
export const ISPDB_REPOSITORY = 'https://github.com/thunderbird/autoconfig'
export const MPL_NOTICE =
  'This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL was not ' +
  'distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/. The data (host names, ports, ' +
  `authentication methods, domains) is from Mozilla's ISPDB, ${ISPDB_REPOSITORY} (ispdb/*.xml), reduced to its encrypted servers.`

/** Why a whole provider file was left out. */
export type SkipReason = 'refused' | 'templated' | 'plaintext-only' | 'invalid' | 'no-domains'
/** Why one server of a kept or skipped file was dropped. */
export type DropReason = 'plaintext' | 'templated' | 'invalid' | 'unsupported-type'

export interface ImportReport {
  files: number
  providersKept: number
  configs: number
  domains: number
  skipped: Record<SkipReason, string[]>
  serversDropped: Record<DropReason, number>
  domainsDropped: { duplicate: string[]; invalid: string[] }
  /** Kept providers whose <oAuth2> block was kept too. */
  withOAuth2: number
  /** The first few reasons in words, for the person running the importer. */
  messages: string[]
}

export interface IspdbSource {
  commit: string
  date: string
}

/** The snapshot's SOURCE file ("commit <sha> of github.com/thunderbird/autoconfig (YYYY-MM-DD)"), else git. */
export function readSource(dir: string): IspdbSource {
  const sourceFile = join(dir, 'SOURCE')
  if (existsSync(sourceFile)) {
    const text = readFileSync(sourceFile, 'utf8')
    const match = /commit ([0-9a-f]{40})\b.*\((\d{4}-\d{2}-\d{2})\)/.exec(text)
    if (!match) throw new Error(`${sourceFile} does not name a commit and its date ("commit <40 hex> of … (YYYY-MM-DD)")`)
    return { commit: match[1]!, date: match[2]! }
  }
  try {
    const out = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%H %cs'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim()
    const [commit = '', date = ''] = out.split(' ')
    return { commit, date }
  } catch (error) {
    throw new Error(`${dir} has no SOURCE file and is not a git checkout: ${(error as Error).message.split('\n')[0]}`, { cause: error })
  }
}

/** The XML files of a checkout (its ispdb/ folder) or of a folder of ISPDB files. */
export function ispdbFiles(dir: string): string[] {
  const folder = existsSync(join(dir, 'ispdb')) ? join(dir, 'ispdb') : dir
  if (!existsSync(folder)) throw new Error(`${dir} does not exist`)
  const files = readdirSync(folder).filter((name) => name.endsWith('.xml')).sort()
  if (files.length === 0) throw new Error(`${folder} holds no .xml files: is it an ISPDB checkout?`)
  return files.map((name) => join(folder, name))
}

interface FileResult {
  ok: boolean
  reason?: SkipReason
  message?: string
  config?: IspdbConfig
  domains: string[]
  dropped: Partial<Record<DropReason, number>>
  /** Why the file's <oAuth2> block was left out (the servers are kept). */
  oauthProblem?: string
}

/** One ISPDB file → its config (encrypted servers only) and domains, or why it is left out. */
export function importFile(name: string, text: string | null): FileResult {
  const dropped: Partial<Record<DropReason, number>> = {}
  const drop = (reason: DropReason): void => {
    dropped[reason] = (dropped[reason] ?? 0) + 1
  }
  if (text === null) return { ok: false, reason: 'refused', message: `${name}: larger than ${MAX_FILE_BYTES} bytes`, domains: [], dropped }
  // The placeholder is substituted by itself, so a templated host stays visible as such.
  const parsed = parseClientConfig(text, '%EMAILDOMAIN%')
  if (!parsed.ok) return { ok: false, reason: 'refused', message: `${name}: ${parsed.message}`, domains: [], dropped }
  for (const note of parsed.value.notes) if (note.startsWith('skipped')) drop('unsupported-type')
  const servers: ServerTuple[] = []
  const invalid: string[] = []
  for (const input of parsed.value.candidates) {
    if (typeof input.host === 'string' && input.host.includes('%')) {
      drop('templated')
      continue
    }
    const checked = checkCandidate(input)
    if (!checked.ok) {
      drop('invalid')
      invalid.push(checked.message)
      continue
    }
    const s = checked.value
    if (s.socket === 'plain') {
      drop('plaintext')
      continue
    }
    servers.push([s.protocol, s.host, s.port, s.socket, s.auth, s.username])
  }
  const domains: string[] = []
  const badDomains: string[] = []
  for (const raw of parsed.value.domains) {
    const ascii = toAsciiDomain(raw, 'domain')
    if (ascii.ok && ascii.value.includes('.')) domains.push(ascii.value)
    else badDomains.push(raw.slice(0, 80))
  }
  const hasIncoming = servers.some((s) => s[0] !== 'smtp')
  const hasOutgoing = servers.some((s) => s[0] === 'smtp')
  if (!hasIncoming || !hasOutgoing) {
    const missing = !hasIncoming && !hasOutgoing ? 'incoming or outgoing' : !hasIncoming ? 'incoming' : 'outgoing'
    const reason: SkipReason = dropped.templated ? 'templated' : dropped.plaintext ? 'plaintext-only' : 'invalid'
    const why = reason === 'templated' ? 'its host names are templated (%EMAILDOMAIN%)' : reason === 'plaintext-only' ? 'plaintext only' : invalid.join('; ') || 'no servers'
    return { ok: false, reason, message: `${name}: no usable ${missing} server: ${why}`, domains, dropped }
  }
  if (domains.length === 0) return { ok: false, reason: 'no-domains', message: `${name}: no valid <domain>${badDomains.length ? ` (${badDomains.join(', ')})` : ''}`, domains, dropped }
  const id = parsed.value.id ?? name.replace(/\.xml$/, '')
  const protocols = [...new Set(servers.map((s) => s[0]))]
  const oauth = importOAuth2(text, protocols)
  const config: IspdbConfig = { id: id.slice(0, 253), name: parsed.value.displayName ?? id.slice(0, 80), servers, ...(oauth.data && { oauth2: oauth.data }) }
  return { ok: true, config, domains, dropped: { ...dropped }, message: badDomains.join(', '), ...(oauth.problem && { oauthProblem: `${name}: ${oauth.problem}` }) }
}

function readLimited(path: string): string | null {
  // Checked before reading, so a huge file is never loaded into memory.
  if (statSync(path).size > MAX_FILE_BYTES) return null
  return readFileSync(path, 'utf8')
}

/** Read a whole ISPDB checkout; returns the bundle and the counts of what was left out and why. */
export function importIspdb(dir: string, source: IspdbSource = readSource(dir)): { bundle: IspdbBundle; report: ImportReport } {
  const files = ispdbFiles(dir)
  const report: ImportReport = {
    files: files.length, providersKept: 0, configs: 0, domains: 0,
    skipped: { refused: [], templated: [], 'plaintext-only': [], invalid: [], 'no-domains': [] },
    serversDropped: { plaintext: 0, templated: 0, invalid: 0, 'unsupported-type': 0 },
    domainsDropped: { duplicate: [], invalid: [] },
    withOAuth2: 0,
    messages: [],
  }
  const configs: IspdbConfig[] = []
  const byKey = new Map<string, number>()
  const domains: Record<string, number> = {}
  for (const path of files) {
    const name = path.slice(path.lastIndexOf('/') + 1)
    const result = importFile(name, readLimited(path))
    for (const [reason, n] of Object.entries(result.dropped) as [DropReason, number][]) report.serversDropped[reason] += n
    if (!result.ok || !result.config) {
      report.skipped[result.reason ?? 'invalid'].push(name)
      if (result.message) report.messages.push(result.message)
      continue
    }
    if (result.message) {
      report.domainsDropped.invalid.push(...result.message.split(', '))
      report.messages.push(`${name}: invalid <domain> left out: ${result.message}`)
    }
    report.providersKept += 1
    if (result.oauthProblem) report.messages.push(result.oauthProblem)
    if (result.config.oauth2) report.withOAuth2 += 1
    // Distinct configurations: two files with the same name and servers share one entry.
    const key = JSON.stringify([result.config.name, result.config.servers])
    let index = byKey.get(key)
    if (index === undefined) {
      index = configs.push(result.config) - 1
      byKey.set(key, index)
    }
    for (const domain of result.domains) {
      if (Object.hasOwn(domains, domain)) {
        // The first file (in name order) keeps a domain two files claim; the repeat is counted.
        if (domains[domain] !== index) report.messages.push(`${name}: domain ${domain} already listed by ${configs[domains[domain]!]!.id}; kept there`)
        report.domainsDropped.duplicate.push(domain)
        continue
      }
      domains[domain] = index
    }
  }
  report.configs = configs.length
  report.domains = Object.keys(domains).length
  const bundle: IspdbBundle = {
    $comment: `Generated by scripts/import-ispdb.ts from Mozilla's ISPDB; do not edit by hand (run the importer again). ${report.files} files, ${report.providersKept} providers kept, ${report.domains} domains.`,
    license: MPL_NOTICE,
    source: { repository: ISPDB_REPOSITORY, commit: source.commit, date: source.date },
    configs,
    domains,
  }
  return { bundle, report }
}

/** The bundle as JSON, one config and one domain per line: small, and a re-import diffs readably. */
export function serializeBundle(bundle: IspdbBundle): string {
  const head = { $comment: bundle.$comment, license: bundle.license, source: bundle.source }
  const headText = JSON.stringify(head, null, 1).slice(0, -2)
  const configs = bundle.configs.map((c) => JSON.stringify(c)).join(',\n')
  const domains = Object.entries(bundle.domains).map(([d, i]) => `${JSON.stringify(d)}:${i}`).join(',\n')
  return `${headText},\n"configs":[\n${configs}\n],\n"domains":{\n${domains}\n}}\n`
}
