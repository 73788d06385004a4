// The whole store's shape: small slices, each owning one step's state, actions and reset.
import type { AddressSlice } from './address-slice'
import type { ExportSlice } from './export-slice'
import type { NetworkSlice } from './network-slice'
import type { OAuthSlice } from './oauth-slice'
import type { SettingsSlice } from './settings-slice'
import type { SignInSlice } from './signin-slice'
import type { WizardSlice } from './wizard-slice'

/** Kept for code that names the reset on its own: it lives in the wizard slice now. */
export type ResetSlice = Pick<WizardSlice, 'resetForAddress'>

export type AppState = WizardSlice & AddressSlice & NetworkSlice & SettingsSlice & SignInSlice & OAuthSlice & ExportSlice
