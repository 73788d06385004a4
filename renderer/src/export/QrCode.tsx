// Thunderbird for Android's account-import QR code for the chosen servers (shared/export/
// android-qr.ts writes its text; no password is in it). Shown dark on white in both themes, as a
// camera needs.
import { useEffect, useState, type JSX } from 'react'
import { androidQrPayload } from '@shared/export/android-qr'
import { ExportError } from '@shared/export/types'
import { exportErrorWords } from '@shared/export/field-words'
import type { AccountSettings } from '@shared/settings'
import { qrSvg, svgDataUrl } from './qr-image'

type QrState = { kind: 'making' } | { kind: 'ready'; url: string } | { kind: 'failed'; message: string }

function payloadOf(account: AccountSettings): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: androidQrPayload(account) }
  } catch (err) {
    return { ok: false, message: err instanceof ExportError ? exportErrorWords(err.field, err.reason) : String(err) }
  }
}

export function QrCode({ account }: { account: AccountSettings }): JSX.Element {
  const [state, setState] = useState<QrState>({ kind: 'making' })
  const payload = payloadOf(account)
  const text = payload.ok ? payload.text : null
  useEffect(() => {
    if (text === null) return
    let current = true
    setState({ kind: 'making' })
    qrSvg(text).then(
      (svg) => current && setState({ kind: 'ready', url: svgDataUrl(svg) }),
      (err: unknown) => current && setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
    )
    return () => {
      current = false
    }
  }, [text])
  if (!payload.ok) return <p className="field-error" role="alert">No QR code for these settings: {payload.message}</p>
  switch (state.kind) {
    case 'making': return <p className="hint" aria-busy="true">Making the QR code…</p>
    case 'failed': return <p className="field-error" role="alert">The QR code could not be made: {state.message}</p>
    case 'ready': return <img className="qr-code" src={state.url} width={240} height={240} alt={`QR code with the settings for ${account.address}, for Thunderbird for Android; it holds no password`} />
  }
}
