// A free TCP port on a loopback address, for servers that must know their port before they
// listen (a DNS server on UDP and TCP alike, Dovecot's config, the discovery lab's port map).
// Another process may take it before our server binds; callers that can, retry.
import net from 'node:net'

export function freePort(address = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, address, () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
