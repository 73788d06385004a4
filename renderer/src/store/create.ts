// Builds the one store from its slices. Takes the API as a function so the app passes the page's
// window.api and tests pass the real handlers (no component ever calls the API itself).
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppState } from './app-state'
import { createAddressSlice } from './address-slice'
import { createExportSlice } from './export-slice'
import { createNetworkSlice } from './network-slice'
import { createOAuthSlice } from './oauth-slice'
import type { ApiSource } from './operation'
import { createSettingsSlice } from './settings-slice'
import { createSignInSlice } from './signin-slice'
import { createWizardSlice } from './wizard-slice'

export type AppStore = StoreApi<AppState>

export function createAppStore(getApi: ApiSource): AppStore {
  return createStore<AppState>()((set, get, store) => ({
    ...createWizardSlice(set, get, store),
    ...createAddressSlice(set, get, store),
    ...createNetworkSlice(getApi)(set, get, store),
    ...createSettingsSlice(getApi)(set, get, store),
    ...createSignInSlice(getApi)(set, get, store),
    ...createOAuthSlice(getApi)(set, get, store),
    ...createExportSlice(getApi)(set, get, store),
  }))
}
