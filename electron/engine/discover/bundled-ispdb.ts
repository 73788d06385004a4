// The bundled copy of Thunderbird's provider database (shared/providers/ispdb.json, MPL-2.0),
// loaded on demand: the first look-up imports it (a chunk of its own in the build), so neither
// the app's start-up nor the renderer carries it. A look-up is one Map access.
import { parseIspdbBundle, toBundledProvider, type BundledProvider, type IspdbBundle } from '@shared/providers/ispdb-data'

export interface BundledIspdb {
  commit: string
  /** The ISPDB commit's date (YYYY-MM-DD), named in the provenance words. */
  date: string
  domains: number
  find(asciiDomain: string): BundledProvider | null
  /** The domains its providers serve and their servers' host names: "known providers" (shared/caution.ts). */
  known: { domains: string[]; hosts: string[] }
}

/** Index a bundle: every domain straight to its (shared) provider object. */
export function indexBundle(bundle: IspdbBundle): BundledIspdb {
  const providers = bundle.configs.map(toBundledProvider)
  const byDomain = new Map<string, BundledProvider>()
  for (const [domain, index] of Object.entries(bundle.domains)) byDomain.set(domain, providers[index]!)
  return {
    commit: bundle.source.commit,
    date: bundle.source.date,
    domains: byDomain.size,
    find: (asciiDomain) => byDomain.get(asciiDomain) ?? null,
    known: { domains: [...byDomain.keys()], hosts: providers.flatMap((p) => [...p.incoming, ...p.outgoing].map((s) => s.host)) },
  }
}

let loading: Promise<BundledIspdb> | null = null

/** The bundled ISPDB, imported and indexed on first use; later calls share the one copy. */
export function loadBundledIspdb(): Promise<BundledIspdb> {
  if (!loading) {
    loading = import('@shared/providers/ispdb.json').then((m) => indexBundle(parseIspdbBundle(m.default)))
    // A failed load (a broken regeneration) is reported by each caller and tried again next time.
    loading.catch(() => {
      loading = null
    })
  }
  return loading
}

/** Whether the data has been asked for yet (tests check that importing the engine does not load it). */
export function bundledIspdbRequested(): boolean {
  return loading !== null
}

/** The provenance words for a bundled answer. */
export function bundledWords(bundle: Pick<BundledIspdb, 'date'>): string {
  return `Thunderbird's provider database (bundled, ${bundle.date})`
}
