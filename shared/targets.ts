// Which hosts the port-25 check talks to. Data, validated where it enters (a file given to the CLI).
import { z } from 'zod'

const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$/, 'a host name may hold only letters, digits, dots and hyphens')

export const controlSchema = z.object({
  host: hostName,
  port: z.union([z.literal(587), z.literal(465), z.literal(443), z.literal(2525)]),
})

export const providerSchema = z.object({
  /** A person-readable name, e.g. "Google". */
  provider: z.string().min(1).max(80),
  /** Domain whose MX hosts are the port-25 targets; absent for control-only providers (2525 relays). */
  mxDomain: hostName.optional(),
  /** Domain suffixes the provider's own SMTP banners name (a foreign banner hints at interception). */
  bannerDomains: z.array(hostName).max(10).default([]),
  /** The provider's MX always offers STARTTLS: its absence means someone removed it. */
  alwaysStartTls: z.boolean().default(false),
  /** Ports on the same provider's infrastructure that should be reachable. */
  controls: z.array(controlSchema).max(10).default([]),
})

export const targetSetSchema = z.object({
  providers: z.array(providerSchema).min(1).max(20),
  /**
   * The port the targets are probed on. Always 25 in real use; a test may move it to an
   * unprivileged port on loopback.
   */
  targetPort: z.number().int().min(1).max(65535).default(25),
  /** Likewise for the controls: a test may remap a control port (e.g. {"587": 10587}). */
  controlPortMap: z.record(z.string(), z.number().int().min(1).max(65535)).default({}),
})

export type ControlTarget = z.infer<typeof controlSchema>
export type ProviderTarget = z.infer<typeof providerSchema>
export type TargetSet = z.infer<typeof targetSetSchema>

/**
 * The default targets: independent large providers whose MX hosts accept connections on 25 from
 * anywhere and always offer STARTTLS, with control ports on the same infrastructure, plus relay
 * services that offer submission on 2525.
 */
/** A large provider: MX on 25 that always offers STARTTLS, controls on its own infrastructure. */
const mailProvider = (provider: string, mxDomain: string, bannerDomains: string[], controls: [host: string, port: number][]) => ({
  provider,
  mxDomain,
  bannerDomains,
  alwaysStartTls: true,
  controls: controls.map(([host, port]) => ({ host, port })),
})

/** A relay service that offers submission on 2525 (controls only: it has no MX to test). */
const relay2525 = (provider: string, host: string) => ({ provider: `${provider} (2525)`, controls: [{ host, port: 2525 }] })

export const defaultTargets: TargetSet = targetSetSchema.parse({
  providers: [
    mailProvider('Google', 'gmail.com', ['google.com'], [['smtp.gmail.com', 465], ['smtp.gmail.com', 587], ['www.google.com', 443]]),
    mailProvider('Microsoft', 'outlook.com', ['outlook.com', 'office365.com'], [['smtp-mail.outlook.com', 587], ['outlook.office365.com', 443]]),
    mailProvider('Yahoo', 'yahoo.com', ['yahoo.com', 'yahoodns.net', 'yahoo.net'], [['smtp.mail.yahoo.com', 465], ['smtp.mail.yahoo.com', 587], ['login.yahoo.com', 443]]),
    mailProvider('Apple iCloud', 'icloud.com', ['icloud.com', 'apple.com', 'me.com'], [['smtp.mail.me.com', 587], ['www.icloud.com', 443]]),
    relay2525('SendGrid', 'smtp.sendgrid.net'),
    relay2525('Mailgun', 'smtp.mailgun.org'),
  ],
})
