// Where discovery's candidates come from. `autoconfig-http` is the plain-http fallback of
// `autoconfig`: it is reported as a source of its own but runs with `autoconfig`.
export const discoverySources = ['catalog', 'autoconfig', 'autoconfig-http', 'ispdb', 'autodiscover', 'srv', 'mx', 'guess'] as const

export type DiscoverySource = (typeof discoverySources)[number]

/** The sources that run on their own (everything but the fallback that rides with autoconfig). */
export type RunnableSource = Exclude<DiscoverySource, 'autoconfig-http'>

export const runnableSources: readonly RunnableSource[] = discoverySources.filter((s): s is RunnableSource => s !== 'autoconfig-http')
