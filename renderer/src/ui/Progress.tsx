// Something is being waited for: a labelled indeterminate progress bar (the engine cannot know
// how long the slowest server takes), and the Cancel button every long operation offers.
import { useEffect, useRef, type JSX } from 'react'

interface ProgressProps {
  /** What is happening, in words; also the progress bar's accessible name. */
  label: string
  onCancel: () => void
  cancelling: boolean
  /** e.g. "Cancel check": names what Cancel stops when a screen has more than one. */
  cancelLabel?: string
}

export function Progress({ label, onCancel, cancelling, cancelLabel = 'Cancel' }: ProgressProps): JSX.Element {
  const cancelRef = useRef<HTMLButtonElement>(null)
  // The button that started the work disables itself and drops keyboard focus: hand it to Cancel.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) cancelRef.current?.focus()
  }, [])
  return (
    <div className="progress">
      <div className="progress-bar" role="progressbar" aria-label={label} aria-busy="true">
        <span className="progress-fill" />
      </div>
      <span className="progress-label" aria-hidden="true">{cancelling ? 'Cancelling…' : label}</span>
      <button ref={cancelRef} type="button" onClick={onCancel} disabled={cancelling}>{cancelLabel}</button>
    </div>
  )
}
