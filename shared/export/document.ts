// The settings sheet and the report as one neutral document (headings, paragraphs, tables, lists,
// preformatted text), so Markdown and HTML say exactly the same things. Input arrives validated
// and redacted; every value from outside is passed through `oneLine`/`printable` here, and each
// renderer escapes for its own syntax.
import type { DiscoveryReport } from '../discovery'
import { sourceInfo, untestedSentence } from '../discovery'
import type { Port25Report, TranscriptLine } from '../model'
import { expandUsername, type AccountSettings, type ServerSettings } from '../settings'
import { authWords, hostWords, protocolWords, socketWords } from './describe'
import { toDisplayAddress } from './idn'
import { ispMessage } from './isp-message'
import type { ReportInput, ReportSend } from './report-types'
import { sendStepName } from './send-report'
import { oneLine } from './text'

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; emphasis?: 'strong' | 'warning' }
  | { kind: 'table'; caption?: string; head: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'pre'; lines: string[] }
  /** Evidence for the curious: folded away in HTML, a labelled section in Markdown. */
  | { kind: 'details'; summary: string; blocks: Block[] }

export interface ReportDocument {
  title: string
  blocks: Block[]
}

const verdictWords: Record<Port25Report['verdict'], string> = {
  open: 'Open',
  blocked: 'Blocked',
  intercepted: 'Intercepted',
  stripped: 'STARTTLS stripped',
  offline: 'Offline',
  inconclusive: 'Inconclusive',
}

const ms = (value: number): string => `${Math.round(value)} ms`

function serverRows(account: AccountSettings, list: ServerSettings[], direction: 'Incoming' | 'Outgoing'): string[][] {
  return list.map((s, i) => [
    `${direction}${i === 0 ? ' (recommended)' : ` (alternative ${i})`}`,
    protocolWords[s.protocol],
    hostWords(s.host),
    String(s.port),
    socketWords(s.socket),
    s.auth.map(authWords).join('; '),
    oneLine(expandUsername(s.username, account.address)),
  ])
}

function settingsBlocks(account: AccountSettings): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Mail settings' },
    {
      kind: 'list',
      items: [
        `Address: ${toDisplayAddress(account.address)}${toDisplayAddress(account.address) === account.address ? '' : ` (${account.address})`}`,
        ...(account.displayName ? [`Name: ${oneLine(account.displayName)}`] : []),
        `Provider: ${oneLine(account.providerName)}`,
        'Password: your account password (or app password) — never written into this sheet',
      ],
    },
    {
      kind: 'table',
      head: ['Server', 'Protocol', 'Host', 'Port', 'Encryption', 'Sign-in', 'User name'],
      rows: [...serverRows(account, account.incoming, 'Incoming'), ...serverRows(account, account.outgoing, 'Outgoing')],
    },
  ]
  const plain = [...account.incoming, ...account.outgoing].filter((s) => s.socket === 'plain')
  if (plain.length > 0) {
    blocks.push({ kind: 'paragraph', emphasis: 'warning', text: `Warning: ${plain.map((s) => `${s.host}:${s.port}`).join(', ')} ${plain.length > 1 ? 'are' : 'is'} not encrypted; a password sent there can be read on the way.` })
  }
  return blocks
}

function port25Blocks(report: Port25Report): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Outbound port 25' },
    { kind: 'paragraph', emphasis: 'strong', text: `Verdict: ${verdictWords[report.verdict]}${report.how ? ` (${report.how})` : ''} — ${oneLine(report.headline)}` },
    { kind: 'paragraph', text: oneLine(report.advice) },
    {
      kind: 'paragraph',
      text: `Measured outbound from this computer, ${oneLine(report.startedAt)}, in ${ms(report.elapsedMs)}; silent connections were given up after ${ms(report.silentCutoffMs)}.`,
    },
  ]
  if (report.notes.length > 0) blocks.push({ kind: 'list', items: report.notes.map(oneLine) })
  if (report.submission.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Submission ports',
      head: ['Port', 'Usable', 'What was seen'],
      rows: report.submission.map((s) => [String(s.port), s.usable === null ? 'not tested' : s.usable ? 'yes' : 'no', oneLine(s.summary)]),
    })
  }
  blocks.push({ kind: 'details', summary: `Evidence: every connection the check made (${report.probes.length})`, blocks: [{
    kind: 'table',
    head: ['Role', 'Provider', 'Host', 'Address', 'Port', 'Outcome', 'Time', 'Banner', 'STARTTLS', 'Note'],
    rows: report.probes.map((p) => [
      p.role,
      oneLine(p.provider),
      oneLine(p.host),
      oneLine(p.address ?? '—'),
      p.service === p.port ? String(p.port) : `${p.port} (for ${p.service})`,
      p.outcome,
      ms(p.ms),
      oneLine(p.banner ?? ''),
      p.startTls === null ? '' : p.startTls ? 'offered' : 'missing',
      oneLine(p.note ?? ''),
    ]),
  }] })
  const message = ispMessage(report)
  if (message) {
    blocks.push(
      { kind: 'heading', level: 3, text: 'A message for your Internet provider' },
      { kind: 'paragraph', text: 'Copy this text into a message to your provider’s support and attach this report:' },
      { kind: 'pre', lines: message.split('\n') },
    )
  }
  return blocks
}

function discoveryBlocks(d: DiscoveryReport): Block[] {
  const rows = [...d.incoming, ...d.outgoing].map((s) => [
    protocolWords[s.protocol],
    `${hostWords(s.host)}:${s.port}`,
    s.socket,
    `${s.verified.status}: ${oneLine(s.verified.summary)}`,
    s.sources.map((ref) => `${sourceInfo[ref.source].label}${ref.detail ? ` — ${oneLine(ref.detail)}` : ''}`).join('; '),
    ms(s.verified.ms),
  ])
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'How the settings were found' },
    { kind: 'paragraph', text: `Domain ${oneLine(d.domain)}; discovery took ${ms(d.elapsedMs)}. Only verified, encrypted servers are recommended.` },
    ...d.untested.map((u): Block => ({ kind: 'paragraph', text: untestedSentence(u) })),
    { kind: 'table', caption: 'Servers found', head: ['Protocol', 'Server', 'Security', 'Check', 'Where it came from', 'Time'], rows },
    {
      kind: 'table',
      caption: 'Sources asked',
      head: ['Source', 'Result', 'Detail', 'Found', 'Time'],
      rows: d.sources.map((s) => [sourceInfo[s.source].label, s.status, oneLine(s.detail), String(s.found), ms(s.ms)]),
    },
  ]
  if (d.disagreements.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: 'Where the sources disagree' }, { kind: 'list', items: d.disagreements.map((x) => oneLine(x.message)) })
  }
  if (d.notes.length > 0) blocks.push({ kind: 'list', items: d.notes.map(oneLine) })
  return blocks
}

function sendBlocks(send: ReportSend): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'Test message' },
    { kind: 'paragraph', emphasis: 'strong', text: `${send.ok ? 'Sent and checked' : 'Failed'}: ${oneLine(send.summary)}${send.elapsedMs !== undefined ? ` (${ms(send.elapsedMs)} in all)` : ''}` },
    { kind: 'table', head: ['Step', 'Result', 'Time', 'Detail'], rows: send.steps.map((s) => [oneLine(sendStepName(s.name)), s.ok ? 'ok' : 'failed', ms(s.ms), oneLine(s.detail ?? '')]) },
    ...(send.notes && send.notes.length > 0 ? [{ kind: 'list', items: send.notes.map(oneLine) } as Block] : []),
  ]
}

function transcriptBlocks(lines: TranscriptLine[]): Block[] {
  const start = lines[0]?.at ?? 0
  const who = { client: 'C:', server: 'S:', info: '--' } as const
  return [
    { kind: 'heading', level: 2, text: 'Transcript' },
    {
      kind: 'paragraph',
      text: 'What ClearPort and the server said to each other, word for word: “C:” lines are ClearPort’s, “S:” lines the server’s answers, “--” notes. “EHLO [127.0.0.1]” (or another address) is ClearPort greeting the server with this computer’s address, as every mail program does. Passwords are removed ([redacted]).',
    },
    { kind: 'details', summary: `The transcript (${lines.length} lines)`, blocks: [{ kind: 'pre', lines: lines.map((l) => `+${String(Math.round(l.at - start)).padStart(6)} ms ${who[l.dir]} ${oneLine(l.text)}`) }] },
  ]
}

/** The document for a (validated, redacted) report input; `generatedAt` only when given. */
export function buildDocument(input: ReportInput, generatedAt?: string): ReportDocument {
  const who = input.account ? toDisplayAddress(input.account.address) : null
  const reportish = input.port25 || input.discovery || input.send || input.transcript
  const title = reportish ? `ClearPort report${who ? ` for ${who}` : ''}` : `Mail settings${who ? ` for ${who}` : ''}`
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: title }]
  if (generatedAt) blocks.push({ kind: 'paragraph', text: `Made by ClearPort on ${oneLine(generatedAt)}.` })
  if (input.account) blocks.push(...settingsBlocks(input.account))
  if (input.port25) blocks.push(...port25Blocks(input.port25))
  if (input.discovery) blocks.push(...discoveryBlocks(input.discovery))
  if (input.send) blocks.push(...sendBlocks(input.send))
  if (input.transcript && input.transcript.length > 0) blocks.push(...transcriptBlocks(input.transcript))
  return { title, blocks }
}
