// Launch flags a packaged ClearPort refuses (issue 14, item 14): each opens a debugging channel
// into the main process or a renderer, through which anyone who can start the app could read the
// password of a sign-in. The enableNodeCliInspectArguments fuse already makes Node ignore
// --inspect*; Chromium's --remote-debugging-* switches have no fuse, so the app checks them
// itself before anything else runs. Pure (no Electron import), so it is tested without Electron.

/** Chromium and Node switches that open a debugger, by name (without the dashes). */
const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'remote-allow-origins', 'inspect', 'inspect-brk', 'inspect-port', 'inspect-publish-uid', 'inspect-wait', 'debug', 'debug-brk']

const FLAG = /^--?([a-z][a-z-]*)(?:=.*)?$/i

/**
 * The debugging flags in `argv` (the whole of process.argv; anything after a bare "--" is an
 * argument, not a switch), plus those Chromium parsed (`hasSwitch`, e.g. app.commandLine), each
 * named once as "--name".
 */
export function refusedLaunchFlags(argv: readonly string[], hasSwitch: (name: string) => boolean = () => false): string[] {
  const found = new Set<string>()
  for (const arg of argv.slice(1)) {
    if (arg === '--') break
    const name = FLAG.exec(arg)?.[1]?.toLowerCase()
    if (name !== undefined && (DEBUG_SWITCHES.includes(name) || name.startsWith('inspect'))) found.add(`--${name}`)
  }
  for (const name of DEBUG_SWITCHES) if (hasSwitch(name)) found.add(`--${name}`)
  return [...found]
}
