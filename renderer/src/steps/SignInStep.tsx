// Step 4: prove the settings — sign in, send a test message to yourself, read it back. The form's
// credential is one component (PasswordField; a provider's web sign-in takes its place); after a
// success the form collapses to the proof line (signin/SendOutcome.tsx).
import { useEffect, type FormEvent, type JSX } from 'react'
import { expandUsername } from '@shared/settings'
import { fill } from '@shared/words/fill'
import { blockedBefore, stageWords } from '@shared/words/signin'
import { assertNever, sentence } from '../assert-never'
import { signInGuidance } from '../settings/guidance'
import { socketWords } from '../settings/words'
import { PasswordField } from '../signin/PasswordField'
import { SendOutcome } from '../signin/SendOutcome'
import { useApp } from '../store'
import { blockedHere } from '../store/blocked-here'
import { cautionsOf, type SignInState, type StageProgress } from '../store/signin-slice'
import { NotAvailable } from '../ui/NotAvailable'
import { OAuthMissing, OAuthSignIn, useOAuthRoute } from '../signin/OAuthSignIn'
import { ReadBackChoice } from '../signin/ReadBackChoice'
import { Progress } from '../ui/Progress'
import { StepFooter } from '../ui/StepFooter'
import { StepHeading } from '../ui/StepHeading'
import { operationStatus, type StatusWords } from '../ui/operation-status'

function LiveStages({ stages }: { stages: StageProgress[] }): JSX.Element | null {
  if (stages.length === 0) return null
  return (
    <ol className="live-list stages" aria-label="Steps so far">
      {stages.map((s) => (
        <li key={s.stage}>
          <span className={`badge badge--${s.status === 'done' ? 'ok' : s.status === 'failed' ? 'bad' : 'busy'}`}>
            {s.status === 'started' ? 'working…' : s.status === 'done' ? 'done' : 'failed'}
          </span>{' '}
          {stageWords[s.stage]}{s.ms !== null ? ` (${Math.round(s.ms)} ms)` : ''}
        </li>
      ))}
    </ol>
  )
}

function SignInForm({ state }: { state: SignInState }): JSX.Element {
  const readBack = useApp((s) => s.readBack)
  const run = useApp((s) => s.runTestSend)
  const cancel = useApp((s) => s.cancelTestSend)
  const outgoing = useApp((s) => s.chosen.outgoing)
  const parsed = useApp((s) => s.parsed)
  const guidance = outgoing !== null && parsed?.ok ? signInGuidance(outgoing.host, parsed.value.asciiDomain) : null
  const oauthOnly = outgoing !== null && outgoing.auth.length > 0 && outgoing.auth.every((a) => a === 'OAuth2')
  const check = useApp((s) => s.check)
  const discovery = useApp((s) => s.discovery)
  const blocked = blockedHere({ check, discovery }, outgoing?.port)
  const chosen = useApp((s) => s.chosen)
  const cautions = cautionsOf({ discovery, parsed, chosen, readBack })
  const cautionAccepted = useApp((s) => s.cautionAccepted)
  const setCautionAccepted = useApp((s) => s.setCautionAccepted)
  const passwordError = state.kind === 'failed' && state.error.field === 'password' ? state.error.message : null
  const cautionError = state.kind === 'failed' && state.error.field === 'caution' ? state.error.message : null
  const running = state.kind === 'running'

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    void run()
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Sign in">
      {blocked !== null && outgoing !== null && (
        <p className="callout callout--warn" role="note" data-blocked-here={blocked.port}>{fill(blockedBefore[blocked.by], { port: blocked.port, host: outgoing.host })}</p>
      )}
      {guidance !== null && <p className="callout callout--warn guidance" role="note">{guidance}</p>}
      {cautions.length > 0 && (
        <div className="callout callout--warn" data-caution="">
          {cautions.map((c) => <p key={c.host}>{c.words}</p>)}
          <div className="checkbox">
            <input
              id="accept-caution"
              type="checkbox"
              checked={cautionAccepted}
              disabled={running}
              aria-invalid={cautionError !== null}
              aria-describedby={cautionError !== null ? 'caution-error' : undefined}
              onChange={(e) => setCautionAccepted(e.target.checked)}
            />
            <label htmlFor="accept-caution">I checked: send my password to {cautions.map((c) => c.host).join(' and ')} for this one test</label>
          </div>
          {cautionError !== null && <p id="caution-error" className="field-error">{cautionError}</p>}
        </div>
      )}
      {oauthOnly && <p className="warning-text">This server accepts only the provider’s web sign-in (OAuth2), which ClearPort cannot test with a password.</p>}
      {/* The credential: the password; a provider's web sign-in takes this form's place (OAuthSignIn). */}
      <PasswordField disabled={running} error={passwordError} />
      <ReadBackChoice id="read-back" disabled={running} />
      <div className="actions-row">
        {running ? (
          <Progress label="Signing in and sending the test message…" onCancel={() => void cancel()} cancelling={state.cancelling} cancelLabel="Cancel test" />
        ) : (
          <button type="submit" className="primary" disabled={oauthOnly}>Sign in and send a test message</button>
        )}
      </div>
    </form>
  )
}

function Result({ state }: { state: SignInState }): JSX.Element | null {
  switch (state.kind) {
    case 'idle':
    case 'unavailable':
      return null
    case 'running':
      return <LiveStages stages={state.stages} />
    case 'done':
      return <SendOutcome result={state.result} />
    case 'cancelled':
      return <p className="status-line">The test was cancelled. Nothing more was sent.</p>
    case 'failed':
      return state.error.field === 'password' || state.error.field === 'caution' ? null : (
        <div className="error" role="alert"><strong>The test could not run.</strong> {sentence(state.error.message)}</div>
      )
    default:
      return assertNever(state)
  }
}

const signInWords: StatusWords<SignInState> = {
  unavailable: 'Signing in is not available in this version.',
  running: (state) => `Testing: ${state.stages.filter((s) => s.status !== 'started').length} steps done.`,
  done: (state) => (state.result.ok ? 'The test succeeded.' : 'The test failed; the reason is shown below.'),
  cancelled: 'The test was cancelled.',
  failed: 'The test could not run.',
}

export function SignInStep(): JSX.Element {
  const state = useApp((s) => s.signIn)
  const refresh = useApp((s) => s.refreshSignIn)
  const again = useApp((s) => s.resetSignIn)
  const outgoing = useApp((s) => s.chosen.outgoing)
  const address = useApp((s) => (s.parsed?.ok ? s.parsed.value.address : null))
  const oauth = useOAuthRoute()
  useEffect(() => refresh(), [refresh])
  // After a success the used form collapses: the proof line stands alone and Next leads on.
  const proven = state.kind === 'done' && state.result.ok
  return (
    <section aria-labelledby="step-signin-title">
      <StepHeading id="step-signin-title">Sign in and test</StepHeading>
      <p className="lead">ClearPort signs in with your password, sends one test message to your own address and reads it back.</p>
      {outgoing !== null && (
        <p className="signin-server" data-server={`${outgoing.host}:${outgoing.port}`}>
          Sending through <span className="mono">{outgoing.host}:{outgoing.port}</span> · {socketWords(outgoing.socket)}
          {address !== null && <> · user <span className="mono">{expandUsername(outgoing.username, address)}</span></>}
        </p>
      )}
      <div role="status" aria-live="polite" className="visually-hidden">{operationStatus(state, signInWords)}</div>
      {state.kind === 'unavailable' ? (
        <NotAvailable what="Signing in and sending a test message">
          <p>You can still export the settings in the next step; they have not been proven by a sign-in.</p>
        </NotAvailable>
      ) : (
        <>
          {!proven && (oauth?.configured ? <OAuthSignIn state={state} name={oauth.name} /> : <><OAuthMissing /><SignInForm state={state} /></>)}
          <Result state={state} />
        </>
      )}
      <StepFooter primary={proven || state.kind === 'unavailable'} extra={proven && <button type="button" onClick={again}>Test again</button>} />
    </section>
  )
}
