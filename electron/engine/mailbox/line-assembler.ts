// A pure line assembler for the text protocols a probe reads (IMAP, POP3): bytes in, complete
// lines out, with hard limits so a hostile server cannot make us buffer without bound. No I/O;
// the socket driver (connection.ts) feeds it, the parsers interpret the lines.
//
// RFC 3501 sets no line limit but recommends clients accept at least 8000 octets (§4, RFC 7162
// §4); RFC 2449 caps a POP3 response line at 512 octets, which real servers exceed a little.

export interface LineLimits {
  /** Longest line in bytes, CRLF included. */
  maxLineBytes: number
  /** Most bytes in one session before the server is considered hostile. */
  maxTotalBytes: number
}

export const defaultLineLimits: LineLimits = { maxLineBytes: 8192, maxTotalBytes: 262_144 }

export class LineLimitError extends Error {
  override readonly name = 'LineLimitError'
}

export class LineAssembler {
  private pending: Buffer = Buffer.alloc(0)
  private total = 0
  private failed: LineLimitError | null = null

  constructor(private readonly limits: LineLimits = defaultLineLimits) {}

  /** Bytes received but not yet part of a complete line. */
  get bufferedBytes(): number {
    return this.pending.length
  }

  /** Forget a partial line: used at the STARTTLS boundary (RFC 2595 §3.1, CVE-2011-0411). */
  discard(): number {
    const dropped = this.pending.length
    this.pending = Buffer.alloc(0)
    return dropped
  }

  /** Complete lines (without CRLF; a bare LF is tolerated) from this chunk. Throws past a limit. */
  feed(chunk: Buffer): string[] {
    if (this.failed) throw this.failed
    this.total += chunk.length
    if (this.total > this.limits.maxTotalBytes) this.fail(`the server sent more than ${this.limits.maxTotalBytes} bytes`)
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk
    const lines: string[] = []
    for (;;) {
      const lf = data.indexOf(0x0a)
      if (lf < 0) break
      if (lf + 1 > this.limits.maxLineBytes) this.fail(`a line is longer than ${this.limits.maxLineBytes} bytes`)
      // Decoded leniently: the text is shown and matched, never executed.
      lines.push(data.subarray(0, lf).toString('utf8').replace(/\r$/, ''))
      data = data.subarray(lf + 1)
    }
    if (data.length >= this.limits.maxLineBytes) this.fail(`a line is longer than ${this.limits.maxLineBytes} bytes`)
    this.pending = Buffer.from(data)
    return lines
  }

  private fail(message: string): never {
    this.failed = new LineLimitError(message)
    throw this.failed
  }
}
