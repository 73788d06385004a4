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
export const defaultTargets: TargetSet = targetSetSchema.parse({
  providers: [
    {
      provider: 'Google',
      mxDomain: 'gmail.com',
      bannerDomains: ['google.com'],
      alwaysStartTls: true,
      controls: [
        { host: 'smtp.gmail.com', port: 465 },
        { host: 'smtp.gmail.com', port: 587 },
        { host: 'www.google.com', port: 443 },
      ],
    },
    {
      provider: 'Microsoft',
      mxDomain: 'outlook.com',
      bannerDomains: ['outlook.com', 'office365.com'],
      alwaysStartTls: true,
      controls: [
        { host: 'smtp-mail.outlook.com', port: 587 },
        { host: 'outlook.office365.com', port: 443 },
      ],
    },
    {
      provider: 'Yahoo',
      mxDomain: 'yahoo.com',
      bannerDomains: ['yahoo.com', 'yahoodns.net', 'yahoo.net'],
      alwaysStartTls: true,
      controls: [
        { host: 'smtp.mail.yahoo.com', port: 465 },
        { host: 'smtp.mail.yahoo.com', port: 587 },
        { host: 'login.yahoo.com', port: 443 },
      ],
    },
    {
      provider: 'Apple iCloud',
      mxDomain: 'icloud.com',
      bannerDomains: ['icloud.com', 'apple.com', 'me.com'],
      alwaysStartTls: true,
      controls: [
        { host: 'smtp.mail.me.com', port: 587 },
        { host: 'www.icloud.com', port: 443 },
      ],
    },
    {
      provider: 'SendGrid (2525)',
      controls: [{ host: 'smtp.sendgrid.net', port: 2525 }],
    },
    {
      provider: 'Mailgun (2525)',
      controls: [{ host: 'smtp.mailgun.org', port: 2525 }],
    },
  ],
})
