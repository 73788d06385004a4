// Servers a suite starts as its tests go: each is handed to `keep`, and all are closed together
// after the suite, however it ended.
import { afterAll } from 'vitest'
import type { Closable } from './tcp-server'

export function closedAfterAll(): <T extends Closable>(thing: T) => T {
  const open: Closable[] = []
  afterAll(async () => {
    await Promise.all(open.map((thing) => thing.close()))
  })
  return (thing) => {
    open.push(thing)
    return thing
  }
}
