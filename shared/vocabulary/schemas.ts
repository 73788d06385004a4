// The zod enums of the vocabularies, derived from the same arrays as the types, so a schema can
// never accept less or more than its type. Kept apart from the arrays: the renderer imports the
// arrays and must not pull zod into its bundle.
import { z } from 'zod'
import { authMethods, incomingProtocols, mailProtocols } from './account'
import { discoverySources } from './discovery-sources'
import { dnsFailures, tcpOutcomes, verifyStatuses } from './probe-outcomes'
import { encryptedSockets, socketSecurities } from './socket-security'
import { port25FindingIds, port25Verdicts, verdictHows } from './verdicts'
import { orList } from './words'

/** A zod enum of `list` whose message names every allowed value: "`lead` a, b or c". */
export function enumOf<const T extends readonly [string, ...string[]]>(list: T, lead = 'must be') {
  return z.enum(list, { error: `${lead} ${orList(list)}` })
}

export const socketSchema = enumOf(socketSecurities)
export const encryptedSocketSchema = enumOf(encryptedSockets)
export const port25VerdictSchema = enumOf(port25Verdicts)
export const verdictHowSchema = enumOf(verdictHows)
export const port25FindingIdSchema = enumOf(port25FindingIds)
export const tcpOutcomeSchema = enumOf(tcpOutcomes)
export const dnsFailureSchema = enumOf(dnsFailures)
export const verifyStatusSchema = enumOf(verifyStatuses)
export const discoverySourceSchema = enumOf(discoverySources)
export const mailProtocolSchema = enumOf(mailProtocols)
export const incomingProtocolSchema = enumOf(incomingProtocols)
export const authMethodSchema = enumOf(authMethods, 'must be one of')
