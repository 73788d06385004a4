// The IMAP/POP3 flavour of the framed connection: frames are single lines.
import type net from 'node:net'
import type { TranscriptLine } from '@shared/model'
import { FramedConnection } from '../net/framed-connection'
import { LineAssembler, defaultLineLimits, type LineLimits } from './line-assembler'

export class LineConnection extends FramedConnection<string> {
  constructor(socket: net.Socket, transcript: TranscriptLine[], limits: LineLimits = defaultLineLimits) {
    super(socket, transcript, {
      newFramer: () => new LineAssembler(limits),
      describe: (line) => line,
      size: (line) => Buffer.byteLength(line) + 2,
    })
  }
}
