// Step 1: the address (checked as it is typed, international domains welcome) and an optional name.
import { useState, type FormEvent, type JSX } from 'react'
import { sentence } from '../assert-never'
import { useApp } from '../store'
import { StepHeading } from '../ui/StepHeading'

export function AddressStep(): JSX.Element {
  const address = useApp((s) => s.address)
  const name = useApp((s) => s.name)
  const parsed = useApp((s) => s.parsed)
  const nameError = useApp((s) => s.nameError)
  const setAddress = useApp((s) => s.setAddress)
  const setName = useApp((s) => s.setName)
  const next = useApp((s) => s.next)
  // Errors wait until the person has left the field or pressed Next: no red while still typing.
  const [touched, setTouched] = useState(false)

  const addressError = parsed === null ? (touched ? 'Enter your email address.' : null) : parsed.ok || !touched ? null : sentence(parsed.message)
  const idn = parsed?.ok === true && parsed.value.domain !== parsed.value.asciiDomain ? parsed.value.asciiDomain : null

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    setTouched(true)
    if (parsed?.ok === true && nameError === null) next()
  }

  const describedBy = ['address-hint', idn !== null ? 'address-idn' : '', addressError !== null ? 'address-error' : ''].filter(Boolean).join(' ')

  return (
    <section aria-labelledby="step-address-title">
      <StepHeading id="step-address-title" focusOnMount={false}>Your email address</StepHeading>
      <p className="lead">ClearPort checks whether mail can leave this network, finds your provider’s settings and proves they work.</p>
      <form className="card form" onSubmit={onSubmit} noValidate aria-label="Your address">
        <div className="field">
          <label htmlFor="address">Email address</label>
          <input
            id="address"
            // type="email" would show an international domain as punycode (Chromium converts the
            // value); text with the email keyboard keeps what the person typed.
            type="text"
            inputMode="email"
            autoFocus
            autoComplete="email"
            spellCheck={false}
            maxLength={320}
            placeholder="name@example.com"
            value={address}
            aria-invalid={addressError !== null}
            aria-describedby={describedBy}
            onChange={(e) => setAddress(e.target.value)}
            onBlur={() => setTouched(address.trim() !== '' || touched)}
          />
          <p id="address-hint" className="hint">The address you want to set up. Nothing is sent until you ask for a test message.</p>
          {idn !== null && <p id="address-idn" className="hint">Your domain is written <span className="mono">{idn}</span> on the network.</p>}
          {addressError !== null && <p id="address-error" className="field-error">{addressError}</p>}
        </div>
        <div className="field">
          <label htmlFor="display-name">Your name <span className="optional">(optional)</span></label>
          <input
            id="display-name"
            type="text"
            autoComplete="name"
            maxLength={200}
            value={name}
            aria-invalid={nameError !== null}
            aria-describedby={nameError !== null ? 'name-hint name-error' : 'name-hint'}
            onChange={(e) => setName(e.target.value)}
          />
          <p id="name-hint" className="hint">Shown to people you write to, and used in the exported settings.</p>
          {nameError !== null && <p id="name-error" className="field-error">{nameError}</p>}
        </div>
        <div className="step-footer">
          <button type="submit" className="primary">Next</button>
        </div>
      </form>
    </section>
  )
}
