// The contract's argument schemas, beside the contract (contract.ts): each is checked against its
// argument type (`satisfies z.ZodType<…>`), so a field added to a type without its schema fails
// to compile. The main process parses each call once with these (electron/main/handle.ts). A
// compromised renderer controls every argument: messages name the field and never echo a value.
import { z } from 'zod'
import type { ApiError, CancelArgs, CheckPort25Args, CopyTextArgs, DiscoverArgs, RenderExportArgs, SaveExportArgs, SaveReportPdfArgs } from './contract'
import { accountSettingsSchema, reportPartsSchema } from './export/schema'
import { exportFormats } from './export/types'
import { port25HintSchema } from './port25-hint'
import { parseEmailAddress } from './validate'
import { enumOf } from './vocabulary/schemas'

export { oauthTestSendArgsSchema, testSendArgsSchema, suppliedSecret } from './contract-args-send'
import { providerIdSchema } from './contract-args-send'
import type { OAuthOpenPageArgs, OAuthStatusArgs } from './oauth'

/** Longest address RFC 5321 allows in a path (local 64 + @ + domain 255). */
const MAX_ADDRESS_LENGTH = 320
const MAX_FILENAME = 120
/** Exports are a few KB; a report with every probe a few hundred. */
const MAX_TEXT = 2 * 1024 * 1024
const MAX_CLIPBOARD = 1024 * 1024

export const operationIdSchema = z
  .string({ error: 'operationId must be a string' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'operationId must be 1–64 letters, digits, "-" or "_"')

/** An address: bounded first (a 10 000-character one is not parsed), then parsed, kept normalised. */
const address = (min: boolean) =>
  z
    .string({ error: 'address must be a string' })
    .min(min ? 1 : 0, 'address must not be empty')
    .max(MAX_ADDRESS_LENGTH, `address must be at most ${MAX_ADDRESS_LENGTH} characters`)
    .transform((value, ctx) => {
      const parsed = parseEmailAddress(value)
      if (parsed.ok) return parsed.value.address
      ctx.addIssue({ code: 'custom', message: parsed.message })
      return z.NEVER
    })

export const checkPort25ArgsSchema = z.strictObject({ operationId: operationIdSchema, address: address(false).optional() }) satisfies z.ZodType<CheckPort25Args>

export const cancelArgsSchema = z.strictObject({ operationId: operationIdSchema }) satisfies z.ZodType<CancelArgs>

export const discoverArgsSchema = z.strictObject({
  operationId: operationIdSchema,
  address: address(true),
  port25: port25HintSchema.optional(),
}) satisfies z.ZodType<DiscoverArgs>

export const oauthStatusArgsSchema = z.strictObject({ address: address(true), providerId: providerIdSchema.optional() }) satisfies z.ZodType<OAuthStatusArgs>

export const oauthOpenPageArgsSchema = z.strictObject({
  address: address(true),
  providerId: providerIdSchema.optional(),
  page: z.literal('app-passwords', { error: 'page must be "app-passwords"' }),
}) satisfies z.ZodType<OAuthOpenPageArgs>

// The account and report are checked by the exporters' own strict schemas (export/schema.ts).
export const renderExportArgsSchema = z.strictObject({
  format: enumOf(exportFormats, 'format must be one of'),
  account: accountSettingsSchema,
  report: reportPartsSchema.optional(),
}) satisfies z.ZodType<RenderExportArgs>

// Names Windows reserves whatever the extension (CON.txt is still the console).
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i

/** A plain file name with one of `extensions`: the person still picks the folder in the dialog. */
export function fileNameSchema(extensions: readonly string[]): z.ZodType<string> {
  return z
    .string({ error: 'filename must be a string' })
    .min(1, 'filename is empty')
    .max(MAX_FILENAME, `filename must be at most ${MAX_FILENAME} characters`)
    // eslint-disable-next-line no-control-regex
    .refine((name) => !/[\x00-\x1f\x7f]/.test(name), 'filename contains a control character')
    .refine((name) => !/[/\\]/.test(name), 'filename must be a plain file name, without folders')
    .refine((name) => !/[<>:"|?*]/.test(name), 'filename contains a character file systems do not allow (<>:"|?*)')
    .refine((name) => !name.startsWith('.') && !name.endsWith('.') && !name.endsWith(' '), 'filename must not start or end with a dot or end with a space')
    .refine((name) => !RESERVED.test(name), 'filename is a name Windows reserves')
    .refine(
      (name) => extensions.includes(name.slice(name.lastIndexOf('.') + 1).toLowerCase()) && name.includes('.'),
      `filename must end in ${extensions.map((e) => `.${e}`).join(', ')}`,
    )
}

/** saveExport's schema for the extensions the exporters write (the main process owns that list). */
export function saveExportArgsSchema(extensions: readonly string[]) {
  return z.strictObject({
    filename: fileNameSchema(extensions),
    mimeType: z
      .string({ error: 'mimeType must be a string' })
      .max(100, 'mimeType must be at most 100 characters')
      .regex(/^[a-z]+\/[a-z0-9.+-]+(; ?charset=utf-8)?$/i, 'mimeType must look like "type/subtype"'),
    text: z.string({ error: 'text must be a string' }).max(MAX_TEXT, `text must be at most ${MAX_TEXT} characters`),
    encoding: z.enum(['utf-8', 'utf-16le'], { error: 'encoding must be "utf-8" or "utf-16le"' }).optional(),
  }) satisfies z.ZodType<SaveExportArgs>
}

export const saveReportPdfArgsSchema = z.strictObject({ filename: fileNameSchema(['pdf']) }) satisfies z.ZodType<SaveReportPdfArgs>

export const copyTextArgsSchema = z.strictObject({
  text: z.string({ error: 'text must be a string' }).min(1, 'text is empty').max(MAX_CLIPBOARD, `text must be at most ${MAX_CLIPBOARD} characters`),
}) satisfies z.ZodType<CopyTextArgs>

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

export const badInput = (message: string, field?: string): ApiError =>
  field === undefined ? { code: 'bad-input', message } : { code: 'bad-input', message, field }

/** The first schema issue, in words, with the field it concerns (never the value). */
export function describeArgsIssue(error: z.ZodError): ApiError {
  const issue = error.issues[0]
  if (!issue) return badInput('The request was not understood.')
  if (issue.code === 'unrecognized_keys') {
    // Key names come from the caller: shorten them before echoing them back.
    const keys = issue.keys.map((key) => clip(key, 64))
    return badInput(`Unknown field: ${clip(keys.join(', '), 200)}`, [...issue.path.map(String), keys[0] ?? ''].join('.'))
  }
  const field = issue.path.map(String).join('.')
  if (field === '') return badInput('The request must be an object with the documented fields.')
  return badInput(issue.message, field)
}
