// Each step's title. Focus lands on it when the step opens, so keyboard and screen-reader users
// start at the top of the new step rather than on a button that no longer exists.
import { useEffect, useRef, type JSX, type ReactNode } from 'react'

interface StepHeadingProps {
  id: string
  children: ReactNode
  /** False where the step focuses its first field itself (the address step). */
  focusOnMount?: boolean
}

export function StepHeading({ id, children, focusOnMount = true }: StepHeadingProps): JSX.Element {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focusOnMount) ref.current?.focus()
  }, [focusOnMount])
  return <h2 id={id} ref={ref} tabIndex={-1} className="step-title">{children}</h2>
}
