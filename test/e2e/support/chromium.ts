// How the tests and the renderer benchmark find and start Chromium. The same lookup decides in
// scripts/test-prereqs.ts whether `npm test` must install one first. Order: CLEARPORT_CHROMIUM
// when set (that path only), Playwright's own browser when `npx playwright install chromium`
// put it there, else Debian's (the real binary, not the /usr/bin wrapper, whose shell prints a
// warning on every launch). Chromium makes no traffic of its own (chromiumArgs).
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/** Debian's chromium package: the binary, then its wrapper. */
export const SYSTEM_CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'] as const

/** Where `npx playwright install chromium` puts its browser (whether or not it is there). */
export function playwrightChromium(): string | null {
  try {
    return chromium.executablePath()
  } catch {
    // No build of Playwright's browser exists for this platform.
    return null
  }
}

/** The Chromium to launch, or undefined when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env['CLEARPORT_CHROMIUM']
  const candidates = chosen ? [chosen] : [playwrightChromium(), ...SYSTEM_CHROMIUM]
  return candidates.find((path): path is string => path !== null && existsSync(path))
}

export const chromiumPath: string | undefined = findChromium()

export const chromiumArgs: string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter',
  // The page is served by request interception; Chromium itself must resolve no name at all
  // (its background services would otherwise ask the system resolver, off loopback).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
]
