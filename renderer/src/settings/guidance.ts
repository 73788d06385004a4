// Provider-specific words for signing in where a normal password does not work (field-notes.md,
// "Authentication in 2026"). Matched on the server and address domain; null when nothing applies.
export function signInGuidance(host: string, domain: string): string | null {
  const names = `${host} ${domain}`.toLowerCase()
  if (/(^|[.\s])(gmail|googlemail|google)\.com\b/.test(names)) {
    return 'Gmail does not accept your Google account password here. Turn on 2-Step Verification, create an app password (Google Account → Security → App passwords) and type its 16 letters.'
  }
  if (/(^|[.\s])(outlook|hotmail|live|msn)\.com\b/.test(names)) {
    return 'Outlook.com personal accounts sign in only through Microsoft’s web page (OAuth2) since September 2024; a password or app password is refused.'
  }
  if (/(^|[.\s])office365\.com\b/.test(names)) {
    return 'Microsoft 365 may have password sign-in for mail programs switched off (error 5.7.139 or 5.7.30); your administrator can tell you, or use OAuth2.'
  }
  if (/(^|[.\s])(icloud|me|mac)\.com\b/.test(names)) {
    return 'iCloud Mail needs an app-specific password (appleid.apple.com → Sign-In and Security → App-Specific Passwords).'
  }
  if (/(^|[.\s])(yahoo|aol)\.com\b/.test(names)) {
    return 'Yahoo and AOL need an app password (Account security → Generate app password).'
  }
  return null
}
