// Input the person gave that cannot be used (an address, a DNS server), named by its field, so
// the CLI and the window can say what was wrong. Pure: thrown by the engine, read by every caller.
export class BadInputError extends Error {
  override readonly name = 'BadInputError'
  readonly code = 'bad-input'
  constructor(message: string, readonly field: string) {
    super(message)
  }
}
