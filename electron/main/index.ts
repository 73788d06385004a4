// The main process: one hardened window showing the renderer from a private app:// origin, the
// contract's handlers behind a sender check, and nothing else reachable from the page.
import { readFile } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeTheme,
  protocol,
  session,
  shell,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron'
import { checkPort25 } from '../engine/port25/check'
import { createDesktopDeps } from './desktop'
import { createHandlers } from './handlers'
import { registerIpc } from './ipc'
import { refusedLaunchFlags } from './launch-flags'
import { CONTENT_SECURITY_POLICY } from '@shared/csp'

const APP_SCHEME = 'app'
const APP_HOST = 'clearport'
const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`


const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** electron-vite sets this only under `electron-vite dev`; a packaged app never follows it. */
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const rendererRoot = resolve(__dirname, '../renderer')

// Must happen before `ready`: a standard + secure scheme gets a real origin, so 'self' in the CSP
// and same-origin module scripts work as they would over https.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
])
app.enableSandbox()

let mainWindow: BrowserWindow | null = null

function isAppUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (devServerUrl !== undefined) return parsed.origin === new URL(devServerUrl).origin
  // Node's URL gives custom schemes the origin "null", so compare scheme and host instead.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** Serves out/renderer under app://clearport/; anything outside that folder is refused. */
async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url)
  if (url.host !== APP_HOST) return plain(404, 'Not found')
  if (request.method !== 'GET') return plain(405, 'Method not allowed')
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return plain(400, 'Bad path')
  }
  // Chromium normalises "..", but an encoded "%2e%2e%2f" or a backslash survives until decoding.
  if (pathname.includes('\0') || pathname.includes('\\')) return plain(403, 'Forbidden')
  const filePath = resolve(rendererRoot, pathname === '/' ? 'index.html' : `.${pathname}`)
  if (!filePath.startsWith(rendererRoot + sep)) return plain(403, 'Forbidden')
  const type = MIME_TYPES[extname(filePath).toLowerCase()]
  if (type === undefined) return plain(404, 'Not found')
  try {
    const body = await readFile(filePath)
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cache-Control': 'no-cache',
      },
    })
  } catch {
    return plain(404, 'Not found')
  }
}

/** The page may go nowhere and open nothing: every navigation and popup is refused. */
function lockDown(contents: WebContents): void {
  // A released build has no developer tools (webPreferences.devTools is off); should anything open
  // them anyway, they are closed again at once.
  if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools())
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-frame-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

function denyAllPermissions(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: 'About ClearPort',
    message: `ClearPort ${app.getVersion()}`,
    detail:
      'Checks whether mail can leave this network, finds your provider’s server settings and proves them.\n\n' +
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
  }
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options))
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin'
  const devItems: MenuItemConstructorOptions[] =
    devServerUrl !== undefined
      ? [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
      : []
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    // Zoom stays in release builds (it is how many people read small text); reload only in dev.
    {
      label: '&View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' }, ...devItems],
    },
    { role: 'help', submenu: [{ label: 'About ClearPort', click: showAbout }] },
  ]
  return Menu.buildFromTemplate(template)
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1120,
    height: 820,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'ClearPort',
    // Matches the page background so no white flash shows in dark mode before the first paint.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15181d' : '#f5f6f8',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Developer tools only under `electron-vite dev`: in a released build they would show (and let
      // anyone edit) what the page holds, the password of a sign-in included.
      devTools: devServerUrl !== undefined,
    },
  })
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null
  })
  void (devServerUrl !== undefined ? win.loadURL(devServerUrl) : win.loadURL(APP_ENTRY))
  return win
}

function start(): void {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => lockDown(contents))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(() => {
    denyAllPermissions()
    protocol.handle(APP_SCHEME, serveRenderer)
    Menu.setApplicationMenu(buildMenu())
    const currentWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null)
    // oauth-clients.json lives in userData; openExternal gets only URLs oauth-handlers.ts checked.
    const oauth = { configDir: app.getPath('userData'), openExternal: (url: string) => shell.openExternal(url) }
    registerIpc(createHandlers({ checkPort25, desktop: createDesktopDeps(currentWindow), oauth }), {
      trustedContents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
      isAppUrl,
    })
    mainWindow = createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
    })
  })
}

// A packaged build refuses to run with a debugging port or pipe (launch-flags.ts).
const refused = app.isPackaged ? refusedLaunchFlags(process.argv, (name) => app.commandLine.hasSwitch(name)) : []
if (refused.length > 0) {
  process.stderr.write(`ClearPort does not run with ${refused.join(', ')}: it would open a debugging channel into the app.\n`)
  app.exit(1)
} else if (app.requestSingleInstanceLock()) {
  // A second launch hands over to the first (which focuses its window) and exits.
  start()
} else {
  app.quit()
}
