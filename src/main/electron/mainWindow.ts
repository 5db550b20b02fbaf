// The window: isolated, sandboxed, no Node, web security on, only the app's own pages, no new
// windows, no webviews, no permissions. It opens where it was left, if that is still on screen.
import { BrowserWindow, screen, type WebContents } from 'electron';
import { clampToVisibleDisplay, MIN_SIZE, readWindowState, writeWindowState } from './windowState';
import { denyNewWindow, isNavigationAllowed } from './navigationPolicy';

export interface MainWindowOptions {
  dataDir: string;
  /** out/preload/index.cjs */
  preloadPath: string;
  /** app://enlight/index.html, or the dev server's page. */
  startUrl: string;
  appOrigin: string;
}

export function openMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = readWindowState(options.dataDir);
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  const bounds = clampToVisibleDisplay(saved?.bounds, displays.map((d) => d.workArea));

  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Enlight Admin',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  guardWebContents(win.webContents, options.appOrigin);
  win.on('close', () => {
    try {
      writeWindowState(options.dataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // Not remembering where the window was is no reason to stop it closing.
    }
  });
  void win.loadURL(options.startUrl);
  return win;
}

/** The navigation rules, for every web contents the app ever creates. */
export function guardWebContents(contents: WebContents, appOrigin: string): void {
  const block = (event: { url: string; preventDefault(): void }) => {
    if (!isNavigationAllowed(event.url, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-frame-navigate', block);
  contents.on('will-redirect', block);
  contents.setWindowOpenHandler(denyNewWindow);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
