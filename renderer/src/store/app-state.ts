// The whole store's shape: small slices, each owning one step's state and actions.
import type { AddressSlice } from './address-slice'
import type { ExportSlice } from './export-slice'
import type { NetworkSlice } from './network-slice'
import type { OAuthSlice } from './oauth-slice'
import type { SettingsSlice } from './settings-slice'
import type { SignInSlice } from './signin-slice'
import type { WizardSlice } from './wizard-slice'

export interface ResetSlice {
  /** A new address makes every later step's results stale. */
  resetForAddress(): void
}

export type AppState = WizardSlice & AddressSlice & NetworkSlice & SettingsSlice & SignInSlice & OAuthSlice & ExportSlice & ResetSlice
