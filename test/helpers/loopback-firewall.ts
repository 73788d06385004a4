// Real dropped ports on loopback, for tests whose engine runs in the test process itself (the
// wizard's e2e walk, sign-in): one nftables table of this process's own, in the output chain,
// that silently drops (or refuses) TCP to chosen 127.0.0.x addresses and ports — the kernel does
// to those SYNs exactly what a network that blocks mail ports does. Only loopback addresses the
// test itself serves are ever named; the table is removed on close and on process exit.
import { spawnSync } from 'node:child_process'

export interface LoopbackRule {
  address: string
  /** A port, or 'all' for every TCP port of that address (a network that lets nothing through). */
  port: number | 'all'
  action: 'drop' | 'reject'
}

export interface LoopbackFirewall {
  /** Replaces the rules (none: everything passes again). */
  set(rules: readonly LoopbackRule[]): void
  close(): void
}

const nft = (args: string[], input?: string): { ok: boolean; out: string } => {
  const r = spawnSync('nft', args, { input, encoding: 'utf8', timeout: 5000 })
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` }
}

/** Why loopback rules cannot be made here, or null when they can. */
export function loopbackFirewallUnavailable(): string | null {
  if (process.platform !== 'linux') return `dropped ports need Linux nftables (this is ${process.platform})`
  if (process.getuid?.() !== 0) return 'dropped ports need root (nftables)'
  const version = nft(['--version'])
  if (!version.ok) return 'nft is missing (apt-get install -y nftables)'
  return null
}

const isLoopback = (address: string): boolean => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) && address !== '127.0.0.1'

export function openLoopbackFirewall(): LoopbackFirewall {
  const why = loopbackFirewallUnavailable()
  if (why) throw new Error(why)
  const table = `clearport_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const setUp = nft(['-f', '-'], `table ip ${table} {\n  chain out {\n    type filter hook output priority 0; policy accept;\n  }\n}\n`)
  if (!setUp.ok) throw new Error(`nft could not create table ${table}: ${setUp.out.trim()}`)
  let closed = false
  const close = (): void => {
    if (closed) return
    closed = true
    nft(['delete', 'table', 'ip', table])
    process.off('exit', close)
  }
  process.on('exit', close)
  return {
    set(rules) {
      const lines = rules.map((rule) => {
        // 127.0.0.1 carries the test's DNS server and the harness itself: never touched.
        if (!isLoopback(rule.address)) throw new RangeError(`refusing a rule for ${rule.address}: only 127.0.0.2 and up`)
        const port = rule.port === 'all' ? '' : ` tcp dport ${rule.port}`
        const verdict = rule.action === 'drop' ? 'drop' : 'reject with tcp reset'
        return `add rule ip ${table} out ip daddr ${rule.address} ip protocol tcp${port} ${verdict}`
      })
      const result = nft(['-f', '-'], [`flush chain ip ${table} out`, ...lines].join('\n') + '\n')
      if (!result.ok) throw new Error(`nft rules failed: ${result.out.trim()}`)
    },
    close,
  }
}
