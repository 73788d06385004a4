// Step 5: "Which mail program do you use?" — pre-selected from the operating system — then the
// one best way into that program, every format under "All formats", and "Done" after a save.
import { useEffect, type JSX } from 'react'
import { useApp } from '../store'
import { AllFormats } from '../export/AllFormats'
import { DoneSummary } from '../export/DoneSummary'
import { guessProgram, mailPrograms, routeOf, type MailProgram } from '../export/programs'
import { RouteCard } from '../export/RouteCard'
import '../export/export.css'
import { NotAvailable } from '../ui/NotAvailable'
import { StepFooter } from '../ui/StepFooter'
import { StepHeading } from '../ui/StepHeading'

function ProgramQuestion({ program }: { program: MailProgram | null }): JSX.Element {
  const choose = useApp((s) => s.chooseProgram)
  return (
    <fieldset className="programs">
      <legend>Which mail program do you use?</legend>
      <ul>
        {mailPrograms.map((p) => (
          <li key={p} className={p === program ? 'program program--checked' : 'program'}>
            <input type="radio" id={`program-${p}`} name="program" checked={p === program} onChange={() => void choose(p)} />
            <label htmlFor={`program-${p}`}>{routeOf(p).label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  )
}

export function ExportStep(): JSX.Element {
  const state = useApp((s) => s.exporting)
  const program = useApp((s) => s.program)
  const refresh = useApp((s) => s.refreshExport)
  const choose = useApp((s) => s.chooseProgram)
  useEffect(() => refresh(), [refresh])
  useEffect(() => {
    // The first visit guesses the program from the operating system; the person can change it.
    if (program === null) void choose(guessProgram(navigator as Navigator & { userAgentData?: { platform?: string } }))
  }, [program, choose])
  return (
    <section aria-labelledby="step-export-title">
      <StepHeading id="step-export-title">Export</StepHeading>
      <p className="lead">Put these settings into your mail program. No file and no code holds your password.</p>
      {state.kind === 'unavailable' ? (
        <NotAvailable what="Exporting settings for Thunderbird, Outlook and Apple Mail" />
      ) : (
        <>
          <ProgramQuestion program={program} />
          {program !== null && <RouteCard program={program} />}
          <DoneSummary />
          <AllFormats />
        </>
      )}
      <StepFooter hideNext />
    </section>
  )
}
