// The window's Content-Security-Policy, in one place: the app:// protocol sends it as a header,
// the build writes it into index.html as a <meta> (where frame-ancestors is ignored), and the
// Playwright harness serves the built renderer with the same header.
import { REPORT_STYLE_HASH } from './export/html'

// The report's one inline style sheet is allowed by its hash (nothing else inline): the Export
// step previews the report in a sandboxed srcdoc frame, which inherits this policy.
const directives = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${REPORT_STYLE_HASH}`,
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]

export const CONTENT_SECURITY_POLICY = [...directives, "frame-ancestors 'none'"].join('; ')

/** For the <meta> tag. */
export const META_CONTENT_SECURITY_POLICY = directives.join('; ')

/** `electron-vite dev` injects CSS as inline <style> tags; only the dev server relaxes style-src. */
// (A hash beside 'unsafe-inline' would switch 'unsafe-inline' off, so the dev policy has none.)
export const DEV_META_CONTENT_SECURITY_POLICY = directives.map((d) => (d.startsWith('style-src') ? "style-src 'self' 'unsafe-inline'" : d)).join('; ')
