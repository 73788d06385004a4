// The OAuth2 route on the sign-in step (issue 13). With a client registration: a "Sign in with
// <provider>" button instead of the password field; the provider's page opens in the person's
// browser and the result is the same outcome a password test shows. Without one: plain words on
// what is missing, and the provider's app-password route with its page.
import { useEffect, type JSX } from 'react'
import { BROWSER_WAIT_MS } from '@shared/oauth'
import { useApp } from '../store'
import type { SignInState } from '../store/signin-slice'
import { Progress } from '../ui/Progress'
import { ReadBackChoice } from './ReadBackChoice'

/** The provider's route for the current address (loaded once per address). */
export function useOAuthRoute(): { name: string; configured: boolean } | null {
  const route = useApp((s) => s.oauthRoute)
  const load = useApp((s) => s.loadOAuthRoute)
  const address = useApp((s) => (s.parsed?.ok ? s.parsed.value.address : null))
  const providerId = useApp((s) => (s.discovery.kind === 'done' ? (s.discovery.report.recommended?.providerId ?? null) : null))
  useEffect(() => void load(), [load, address, providerId])
  if (route.kind !== 'ready' || route.status.provider === null) return null
  return { name: route.status.provider.name, configured: route.status.configured }
}

function Problem(): JSX.Element | null {
  const problem = useApp((s) => s.oauthProblem)
  if (problem === null) return null
  return (
    <div className="error" role="alert" data-oauth-problem={problem.code}>
      <strong>{problem.title}</strong> {problem.advice}
      {problem.detail !== null && <p className="hint">The provider said: <span className="mono">{problem.detail}</span></p>}
    </div>
  )
}

export function OAuthSignIn({ state, name }: { state: SignInState; name: string }): JSX.Element {
  const run = useApp((s) => s.runOAuthTestSend)
  const cancel = useApp((s) => s.cancelTestSend)
  const phase = useApp((s) => s.oauthPhase)
  const running = state.kind === 'running'
  const label =
    phase?.phase === 'browser'
      ? `Finish signing in at ${phase.detail} in your browser; ClearPort waits up to ${BROWSER_WAIT_MS / 60_000} minutes…`
      : phase?.phase === 'exchange'
        ? `Signed in; fetching the access token from ${phase.detail}…`
        : running && phase === null && state.stages.length === 0
          ? `Opening ${name}’s sign-in page in your browser…`
          : 'Sending the test message…'
  return (
    <section className="card form" aria-labelledby="oauth-title" data-oauth="configured">
      <h3 id="oauth-title">Sign in with {name}</h3>
      <p>{name} signs you in on its own page, in your browser. ClearPort never sees your password: it gets a token for this one test, keeps it in memory only, and forgets it afterwards.</p>
      <ReadBackChoice id="oauth-read-back" disabled={running} />
      <div className="actions-row">
        {running ? (
          <Progress label={label} onCancel={() => void cancel()} cancelling={state.cancelling} cancelLabel="Cancel sign-in" />
        ) : (
          <button type="button" className="primary" onClick={() => void run()}>Sign in with {name}</button>
        )}
      </div>
      <Problem />
    </section>
  )
}

/** No client registration: what is missing, and the route without OAuth. */
export function OAuthMissing(): JSX.Element | null {
  const route = useApp((s) => s.oauthRoute)
  const open = useApp((s) => s.openAppPasswordPage)
  if (route.kind !== 'ready' || route.status.provider === null || route.status.configured) return null
  const { provider, missing, appPasswordUrl, passwordsRefused } = route.status
  return (
    <section className="card warning" aria-labelledby="oauth-missing-title" data-oauth="missing">
      <h3 id="oauth-missing-title">{provider.name} can sign in on its own page (OAuth2), but it is not set up here</h3>
      <p>{missing}</p>
      {passwordsRefused && <p>{provider.name} no longer accepts passwords from mail programs, so a password test below will be refused. Your mail program signs in with {provider.name}’s page itself; the settings can still be exported in the next step.</p>}
      {appPasswordUrl !== null && (
        <p>
          Without OAuth: make an app password at {provider.name} and type it below instead of your account password.{' '}
          <button type="button" onClick={() => void open()}>Open {provider.name}’s app-password page</button>{' '}
          <span className="hint mono">{appPasswordUrl}</span>
        </p>
      )}
    </section>
  )
}
