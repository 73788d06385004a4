// Stable identifiers for configuration profiles: a name-based UUID (version 5, RFC 9562 §5.5) from
// SHA-1 over a namespace and a name, so exporting the same account twice gives the same
// PayloadUUID and installing the newer profile replaces the older one instead of adding a copy.
// SHA-1 comes from Web Crypto, which Node and the renderer both have.

/** ClearPort's own namespace (a fixed, randomly chosen UUID). */
export const CLEARPORT_NAMESPACE = '3f0c5b8e-7a4d-4f2e-9c61-2b8d7e4a9f13'

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('bad namespace UUID')
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16))
}

export async function uuidV5(name: string, namespace = CLEARPORT_NAMESPACE): Promise<string> {
  const nameBytes = new TextEncoder().encode(name)
  const input = new Uint8Array(16 + nameBytes.length)
  input.set(uuidBytes(namespace), 0)
  input.set(nameBytes, 16)
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', input))
  const bytes = hash.slice(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50 // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80 // RFC 9562 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`.toUpperCase()
}
