// The debugging flags a packaged build refuses (issue 14, item 14): every spelling that opens a
// debugger is found, ordinary flags and arguments after "--" are not.
import { describe, expect, it } from 'vitest'
import { refusedLaunchFlags } from '../../electron/main/launch-flags'

const exe = '/opt/ClearPort/clearport'

describe('refusedLaunchFlags', () => {
  it.each([
    [['--remote-debugging-port=9222'], ['--remote-debugging-port']],
    [['--remote-debugging-pipe'], ['--remote-debugging-pipe']],
    [['--inspect'], ['--inspect']],
    [['--inspect=127.0.0.1:9229'], ['--inspect']],
    [['--inspect-brk=0'], ['--inspect-brk']],
    [['--inspect-port', '9229'], ['--inspect-port']],
    [['-inspect'], ['--inspect']],
    [['--REMOTE-DEBUGGING-PORT=1'], ['--remote-debugging-port']],
    [['--no-sandbox', '--inspect', '--inspect'], ['--inspect']],
  ])('%j', (args, refused) => {
    expect(refusedLaunchFlags([exe, ...args])).toEqual(refused)
  })

  it('leaves ordinary flags, the executable itself and arguments after "--" alone', () => {
    expect(refusedLaunchFlags([exe, '--enable-logging', '--lang=de', 'mailto:x@example.test'])).toEqual([])
    expect(refusedLaunchFlags(['--inspect', '--', '--inspect'])).toEqual([])
  })

  it('also asks what Chromium parsed (app.commandLine)', () => {
    expect(refusedLaunchFlags([exe], (name) => name === 'remote-debugging-port')).toEqual(['--remote-debugging-port'])
  })
})
