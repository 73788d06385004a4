// Step 4: prove the settings — sign in, send a test message to yourself, read it back.
import { useEffect, useRef, type FormEvent, type JSX } from 'react'
import type { SendResult, SendStage } from '@shared/send'
import { assertNever, sentence } from '../assert-never'
import { signInGuidance } from '../settings/guidance'
import { ServerSummary } from '../settings/ServerSummary'
import { useApp } from '../store'
import { blockedHere, blockedWords } from '../store/blocked-here'
import { cautionsOf, type SignInState, type StageProgress } from '../store/signin-slice'
import { NotAvailable } from '../ui/NotAvailable'
import { OAuthMissing, OAuthSignIn, useOAuthRoute } from '../signin/OAuthSignIn'
import { ReadBackChoice } from '../signin/ReadBackChoice'
import { Progress } from '../ui/Progress'
import { StepFooter } from '../ui/StepFooter'
import { StepHeading } from '../ui/StepHeading'

export const stageWords = (stage: SendStage): string => {
  switch (stage) {
    case 'resolve': return 'Look up the sending server'
    case 'connect': return 'Connect and encrypt'
    case 'auth': return 'Sign in'
    case 'envelope': return 'Name sender and recipient'
    case 'reset': return 'Reset'
    case 'data': return 'Send the test message'
    case 'quit': return 'Say goodbye'
    case 'imap-resolve': return 'Look up the incoming server'
    case 'imap-connect': return 'Connect to the incoming server'
    case 'imap-search': return 'Find the message in the mailbox'
    case 'imap-delete': return 'Delete the test message'
    case 'imap-logout': return 'Sign out of the incoming server'
    default: return assertNever(stage)
  }
}

function LiveStages({ stages }: { stages: StageProgress[] }): JSX.Element | null {
  if (stages.length === 0) return null
  return (
    <ol className="live-list stages" aria-label="Steps so far">
      {stages.map((s) => (
        <li key={s.stage}>
          <span className={`badge badge--${s.status === 'done' ? 'ok' : s.status === 'failed' ? 'bad' : 'busy'}`}>
            {s.status === 'started' ? 'working…' : s.status === 'done' ? 'done' : 'failed'}
          </span>{' '}
          {stageWords(s.stage)}{s.ms !== null ? ` (${Math.round(s.ms)} ms)` : ''}
        </li>
      ))}
    </ol>
  )
}

const CONNECT_FAILURES = new Set(['connection-timeout', 'connection-refused', 'network-unreachable'])

function Outcome({ result }: { result: SendResult }): JSX.Element {
  const goTo = useApp((s) => s.goTo)
  const problem = result.problem
  const check = useApp((s) => s.check)
  const discovery = useApp((s) => s.discovery)
  const blocked = blockedHere({ check, discovery }, result.request.smtp.port)
  const headingRef = useRef<HTMLHeadingElement>(null)
  // A finished test moves focus to its answer, as the network check does.
  useEffect(() => headingRef.current?.focus(), [result])
  return (
    <section className={`card verdict verdict--${result.ok ? 'open' : 'blocked'}`} aria-labelledby="send-outcome-title" data-send-ok={String(result.ok)}>
      <h3 id="send-outcome-title" tabIndex={-1} ref={headingRef}>
        {result.ok ? 'Signed in and sent a test message' : problem !== null ? problem.title : 'The test did not succeed'}
      </h3>
      {result.ok && result.readBack !== null && (
        <p>
          {result.readBack.arrived
            ? `It arrived in ${result.readBack.mailbox ?? 'your mailbox'}${result.readBack.deliveryMs !== null ? ` after ${(result.readBack.deliveryMs / 1000).toFixed(1)} s` : ''}.`
            : 'It has not arrived in the mailbox yet.'}
        </p>
      )}
      {result.ok && result.readBack === null && <p>The message went to {result.request.to}; look for “ClearPort test” in your inbox.</p>}
      {problem !== null && (
        <>
          <p className="verdict-advice">{problem.advice}</p>
          {blocked !== null && problem.service === 'smtp' && CONNECT_FAILURES.has(problem.code) && (
            <p className="verdict-advice" data-linked-finding={blocked.by}>
              {blockedWords(blocked)}: that is why. Your settings can still be exported in the next step; test them from another network.
            </p>
          )}
          {problem.response !== null && <p className="hint">The server said: <span className="mono">{problem.response}</span></p>}
          <p className="hint">Details: {problem.detail}</p>
          {problem.seeAlso === 'port25' && <button type="button" onClick={() => goTo('network')}>Check which ports this network lets out</button>}
        </>
      )}
      {result.warnings.length > 0 && (
        <ul className="verdict-notes">
          {result.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
      <table className="probes timings">
        <caption>Timings ({Math.round(result.elapsedMs)} ms in all)</caption>
        <thead>
          <tr><th scope="col">Step</th><th scope="col">Result</th><th scope="col" className="num">Time</th><th scope="col">What was seen</th></tr>
        </thead>
        <tbody>
          {result.timings.map((t) => (
            <tr key={t.stage}>
              <td>{stageWords(t.stage)}</td>
              <td><span className={`outcome outcome--${t.ok ? 'open' : 'refused'}`}>{t.ok ? 'ok' : 'failed'}</span></td>
              <td className="num">{Math.round(t.ms)} ms</td>
              <td className="mono banner">{t.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function SignInForm({ state }: { state: SignInState }): JSX.Element {
  const password = useApp((s) => s.password)
  const setPassword = useApp((s) => s.setPassword)
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
      {blocked !== null && (
        <p className="card warning" role="note" data-blocked-here={blocked.port}>
          {blockedWords(blocked)}, so this test will most likely not reach {outgoing?.host} from here. The settings are still
          the ones to use: export them in the next step, and test them from another network (a phone’s hotspot will do).
        </p>
      )}
      {guidance !== null && <p className="card warning guidance" role="note">{guidance}</p>}
      {cautions.length > 0 && (
        <div className="card warning" data-caution="">
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
      <div className="field">
        <label htmlFor="password">Password or app password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          maxLength={1024}
          value={password}
          disabled={running}
          aria-invalid={passwordError !== null}
          aria-describedby={passwordError !== null ? 'password-hint password-error' : 'password-hint'}
          onChange={(e) => setPassword(e.target.value)}
        />
        <p id="password-hint" className="hint">Used for this one test only: it is sent only over an encrypted connection, never stored and never written into an export.</p>
        {passwordError !== null && <p id="password-error" className="field-error">{passwordError}</p>}
      </div>
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
      return <Outcome result={state.result} />
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

function statusOf(state: SignInState): string {
  switch (state.kind) {
    case 'idle': return ''
    case 'unavailable': return 'Signing in is not available in this version.'
    case 'running': return state.cancelling ? 'Cancelling…' : `Testing: ${state.stages.filter((s) => s.status !== 'started').length} steps done.`
    case 'done': return state.result.ok ? 'The test succeeded.' : 'The test failed; the reason is shown below.'
    case 'cancelled': return 'The test was cancelled.'
    case 'failed': return 'The test could not run.'
    default: return assertNever(state)
  }
}

export function SignInStep(): JSX.Element {
  const state = useApp((s) => s.signIn)
  const refresh = useApp((s) => s.refreshSignIn)
  const outgoing = useApp((s) => s.chosen.outgoing)
  const oauth = useOAuthRoute()
  useEffect(() => refresh(), [refresh])
  return (
    <section aria-labelledby="step-signin-title">
      <StepHeading id="step-signin-title">Sign in and test</StepHeading>
      <p className="lead">ClearPort signs in with your password, sends one test message to your own address and reads it back.</p>
      {outgoing !== null && (
        <section className="card" aria-labelledby="signin-server-title">
          <h3 id="signin-server-title">Sending through</h3>
          <ServerSummary settings={outgoing} />
        </section>
      )}
      <div role="status" aria-live="polite" className="visually-hidden">{statusOf(state)}</div>
      {state.kind === 'unavailable' ? (
        <NotAvailable what="Signing in and sending a test message">
          <p>You can still export the settings in the next step; they have not been proven by a sign-in.</p>
        </NotAvailable>
      ) : (
        <>
          {oauth?.configured ? <OAuthSignIn state={state} name={oauth.name} /> : <><OAuthMissing /><SignInForm state={state} /></>}
          <Result state={state} />
        </>
      )}
      <StepFooter blocked={state.kind === 'running' ? 'Wait for the test to finish, or cancel it.' : null} />
    </section>
  )
}
