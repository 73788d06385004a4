// The port-25 check's answers: the verdict, and `how` (how a blocked port was blocked, or for
// `inconclusive`, that no server greeted).
export const port25Verdicts = ['open', 'blocked', 'intercepted', 'stripped', 'offline', 'inconclusive'] as const

export type Port25Verdict = (typeof port25Verdicts)[number]

/** How a blocked port was blocked. */
export const blockHows = ['timeout', 'reset', 'unreachable'] as const

export type BlockHow = (typeof blockHows)[number]

/**
 * The `how` of a verdict: how a blocked port was blocked, or for `inconclusive`, `no-greeting`:
 * port 25 connected everywhere but no server greeted (a filter or proxy holds the connections).
 */
export const verdictHows = [...blockHows, 'no-greeting'] as const

export type VerdictHow = (typeof verdictHows)[number]

/** Findings beyond the verdict (a family that does not work, or has no address at all). */
export const port25FindingIds = ['ipv4-broken', 'ipv6-broken', 'ipv4-none', 'ipv6-none'] as const

export type Port25FindingId = (typeof port25FindingIds)[number]
