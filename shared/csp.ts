// The window's Content-Security-Policy, in one place: the app:// protocol sends it as a header,
// the build writes it into index.html as a <meta> (where frame-ancestors is ignored), and the
// Playwright harness serves the built renderer with the same header.
const directives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]

export const CONTENT_SECURITY_POLICY = [...directives, "frame-ancestors 'none'"].join('; ')

/** For the <meta> tag. */
export const META_CONTENT_SECURITY_POLICY = directives.join('; ')

/** `electron-vite dev` injects CSS as inline <style> tags; only the dev server relaxes style-src. */
export const DEV_META_CONTENT_SECURITY_POLICY = META_CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
