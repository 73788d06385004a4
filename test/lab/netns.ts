// The two namespaces and the veth between them. The server namespace has no other link and does
// not forward, so no packet of the lab can reach a real network, whatever a scenario does.
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { run, runOk, runSync } from './exec'
import {
  CLIENT_ADDR, CLIENT_ADDR6, CLIENT_LINK, CLIENT_NS, DNS_ADDR, GATEWAY_ADDR, GATEWAY_ADDR6, NET_LINK, NET_NS,
  SERVER_ADDRS, SERVER_ADDRS6,
} from './topology'

const IP_DEADLINE_MS = 10_000
const NAMESPACES = [CLIENT_NS, NET_NS] as const

function batch(lines: string[], ns?: string): Promise<string> {
  // One `ip -batch` per namespace instead of a process per command keeps set-up in tens of ms.
  return runOk('ip', [...(ns ? ['-n', ns] : []), '-batch', '-'], {
    input: `${lines.join('\n')}\n`,
    timeoutMs: IP_DEADLINE_MS,
  })
}

export async function createTopology(): Promise<void> {
  await batch([
    `netns add ${CLIENT_NS}`,
    `netns add ${NET_NS}`,
    `link add ${CLIENT_LINK} netns ${CLIENT_NS} type veth peer name ${NET_LINK} netns ${NET_NS}`,
  ])
  // No duplicate address detection on the veth, link-local addresses included: while they are
  // tentative (~1–2 s after the link comes up) the first IPv6 connects went unanswered for
  // hundreds of ms — a lab artefact that looked like a dead IPv6 to the check.
  await Promise.all([[CLIENT_NS, CLIENT_LINK], [NET_NS, NET_LINK]].map(([ns, link]) =>
    runOk('ip', ['netns', 'exec', ns!, 'sysctl', '-qw', `net.ipv6.conf.${link!}.accept_dad=0`], { timeoutMs: IP_DEADLINE_MS })))
  await Promise.all([
    batch([
      'link set lo up',
      `addr add ${CLIENT_ADDR}/24 dev ${CLIENT_LINK}`,
      // nodad: usable at once, not after duplicate address detection (~1 s).
      `addr add ${CLIENT_ADDR6}/64 dev ${CLIENT_LINK} nodad`,
      `link set ${CLIENT_LINK} up`,
      `route add default via ${GATEWAY_ADDR}`,
    ], CLIENT_NS),
    batch([
      'link set lo up',
      `addr add ${GATEWAY_ADDR}/24 dev ${NET_LINK}`,
      `addr add ${GATEWAY_ADDR6}/64 dev ${NET_LINK} nodad`,
      `link set ${NET_LINK} up`,
      // Server addresses live on loopback (this kernel has no dummy links); being local, they
      // are answered directly, and 192.0.2.53 inside the veth's /24 is answered by ARP.
      ...SERVER_ADDRS.map((a) => `addr add ${a}/32 dev lo`),
      ...SERVER_ADDRS6.map((a) => `addr add ${a}/128 dev lo`),
    ], NET_NS),
  ])
  // The IPv6 default route is set per scenario (setIpv6Route): an IPv4-only network has none.
  await setIpv6Route(true)
  // `ip netns exec` bind-mounts these over /etc/resolv.conf: both sides resolve through the lab.
  for (const ns of NAMESPACES) {
    const dir = join('/etc/netns', ns)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'resolv.conf'), `# ClearPort network lab\nnameserver ${DNS_ADDR}\n`)
  }
}

/** Gives the client an IPv6 default route, or takes it away (connects then fail with ENETUNREACH). */
export async function setIpv6Route(on: boolean): Promise<void> {
  const r = await run('ip', ['-n', CLIENT_NS, '-6', 'route', on ? 'replace' : 'del', 'default', ...(on ? ['via', GATEWAY_ADDR6] : [])], { timeoutMs: IP_DEADLINE_MS })
  // Deleting a route that is not there is fine: the wanted state holds.
  if (r.code !== 0 && on) throw new Error(`ip -6 route replace default: ${r.stderr.trim()}`)
}

/**
 * Removes the namespaces, their /etc/netns files and every process still inside them (a process
 * keeps a deleted namespace alive). Synchronous so it can run in a process 'exit' handler;
 * safe to call when nothing exists.
 */
export function destroyTopology(): void {
  for (const ns of NAMESPACES) {
    const pids = runSync('ip', ['netns', 'pids', ns])
    if (pids.ok) {
      for (const pid of pids.out.split(/\s+/).filter((s) => /^\d+$/.test(s))) {
        try {
          process.kill(Number(pid), 'SIGKILL')
        } catch {
          // Already gone.
        }
      }
    }
    runSync('ip', ['netns', 'del', ns])
    rmSync(join('/etc/netns', ns), { recursive: true, force: true })
  }
  try {
    rmdirSync('/etc/netns') // only succeeds when empty: other namespaces' files stay
  } catch {
    // Not empty or not there.
  }
}

/** Why the lab cannot run here, or ok. Synchronous so a test file can decide to skip at load. */
export function labAvailable(): { ok: boolean; why: string } {
  if (process.platform !== 'linux') {
    return { ok: false, why: `the network lab needs Linux network namespaces (this is ${process.platform})` }
  }
  if (process.getuid?.() !== 0) return { ok: false, why: 'the network lab needs root (ip netns, nft)' }
  const tools: Array<[string, string[], string]> = [
    ['ip', ['-V'], 'iproute2'],
    ['nft', ['--version'], 'nftables'],
  ]
  for (const [tool, args, pkg] of tools) {
    if (!runSync(tool, args).ok) return { ok: false, why: `${tool} is missing (apt-get install -y ${pkg})` }
  }
  const probe = `clearport-probe-${process.pid}`
  const add = runSync('ip', ['netns', 'add', probe])
  if (!add.ok) return { ok: false, why: `cannot create a network namespace: ${add.out.trim()}` }
  try {
    const nft = runSync('ip', ['netns', 'exec', probe, 'nft', 'add', 'table', 'inet', 'clearport_probe'])
    if (!nft.ok) return { ok: false, why: `nftables does not work inside a namespace: ${nft.out.trim()}` }
  } finally {
    runSync('ip', ['netns', 'del', probe])
  }
  return { ok: true, why: 'root, iproute2, nftables and network namespaces are available' }
}
