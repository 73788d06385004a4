// The one error type of the `clearport` command: it carries the exit code it ends the run with,
// so `main` prints its message on one line and returns its code without knowing who threw it.

/** The exit codes the command promises (its help text lists them). */
export const exitCodes = { done: 0, failed: 1, usage: 2, cancelled: 130 } as const

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes]

export class CliError extends Error {
  override readonly name: string = 'CliError'
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message)
  }
}

/** Bad usage: a flag, a value or a missing secret (exit 2). */
export class UsageError extends CliError {
  override readonly name = 'UsageError'
  constructor(message: string) {
    super(message, exitCodes.usage)
  }
}

/** The command could not do its work (exit 1): nothing verified, a file that cannot be written. */
export class RunError extends CliError {
  override readonly name = 'RunError'
  constructor(message: string) {
    super(message, exitCodes.failed)
  }
}
