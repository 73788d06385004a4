// "Show details": evidence, timings, transcripts and provenance behind one disclosure, so each
// step leads with its answer. A native <details>: keyboard and screen readers know it as is.
import type { JSX, ReactNode } from 'react'

export function Details({ summary = 'Show details', children, id }: { summary?: string; children: ReactNode; id?: string }): JSX.Element {
  return (
    <details className="details" id={id}>
      <summary>{summary}</summary>
      <div className="details-body">{children}</div>
    </details>
  )
}
