// How the tests and the renderer benchmark start Debian's Chromium: the real binary (not the
// /usr/bin wrapper, whose shell prints a warning on every launch), and no traffic of its own.
import { existsSync } from 'node:fs'

export const chromiumPath: string | undefined = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => existsSync(path))

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
