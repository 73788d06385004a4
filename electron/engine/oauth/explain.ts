// A token the mail server refused: servers answer XOAUTH2 / OAUTHBEARER with a base64 JSON
// challenge (RFC 7628 §3.2.2: status, scope, schemes) before the final 535. The send classifier
// already calls it a failed sign-in; here the decoded challenge turns that into words about the
// token (expired, wrong account, missing scope) for the OAuth route.
import { decodeBearerChallenge, tokenRefusedAdvice } from '@shared/oauth'
import type { SendResult } from '@shared/send'

export function explainTokenRefusal(result: SendResult, providerName: string): SendResult {
  const problem = result.problem
  if (!problem || problem.code !== 'auth-failed' || result.request.auth !== 'oauth2') return result
  const challenge = result.transcript
    .filter((line) => line.dir === 'server')
    .map((line) => decodeBearerChallenge(line.text))
    .find((c) => c !== null)
  const advice = challenge
    ? tokenRefusedAdvice(challenge, providerName)
    : `The server refused the access token from ${providerName}. It may be for another account, or the server may not accept OAuth for ${problem.service.toUpperCase()}.`
  return { ...result, problem: { ...problem, title: `${problem.service === 'imap' ? 'The incoming' : 'The outgoing'} server refused the access token.`, advice } }
}
