// The app's store, bound to the page's bridge, and the hook components read it with.
import { useStore } from 'zustand'
import { getApi } from '../api'
import type { AppState } from './app-state'
import { createAppStore } from './create'

export const appStore = createAppStore(getApi)

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector)
}

export type { AppState } from './app-state'
