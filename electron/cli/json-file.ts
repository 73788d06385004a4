// The JSON files the CLI reads (targets, settings, a port-25 report): small, local, untrusted.
// Every problem is a usage error naming the file and what was wrong with it.
import { readFile, stat } from 'node:fs/promises'
import { UsageError } from './args'

/** These files are small; a bigger one is a mistake, not input. */
const MAX_INPUT_BYTES = 1024 * 1024

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let bytes: Buffer
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw new UsageError(`the ${what} ${JSON.stringify(path)} is a folder, not a file`)
    if (info.size > MAX_INPUT_BYTES) throw new UsageError(`the ${what} ${JSON.stringify(path)} is larger than 1 MB`)
    bytes = await readFile(path)
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot read the ${what} ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)
  }
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new UsageError(`the ${what} ${JSON.stringify(path)} is not valid JSON`)
  }
}
