// The words of a sign-in request: how ClearPort signs in, with which SASL mechanism, and whether
// it sends a message or only checks the envelope.

/** How ClearPort signs in. The secret itself travels separately and is never part of a request. */
export const authKinds = ['password', 'oauth2'] as const

export type AuthKind = (typeof authKinds)[number]

/** SASL mechanisms ClearPort may use; absent: the first the server offers that fits the secret. */
export const saslMechanisms = ['PLAIN', 'LOGIN', 'XOAUTH2'] as const

export type SaslMechanism = (typeof saslMechanisms)[number]

/** `check`: sign in, MAIL FROM + RCPT TO + RSET, nothing sent. `send`: a real test message. */
export const sendModes = ['check', 'send'] as const

export type SendMode = (typeof sendModes)[number]
