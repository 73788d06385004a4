// A step whose engine part has not been built yet says so plainly instead of showing anything made up.
import type { JSX, ReactNode } from 'react'

export function NotAvailable({ what, children }: { what: string; children?: ReactNode }): JSX.Element {
  return (
    <div className="not-available" data-state="not-available" role="note" aria-label={`${what}: not available yet`}>
      <p className="not-available-title">{what} is not available yet in this version of ClearPort.</p>
      {children}
    </div>
  )
}
