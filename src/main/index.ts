// Electron entry: one instance, a hardened session, the app:// protocol, the IPC bridge to the
// service, the menu and the window. Everything it wires lives in main/ and runs under plain Node
// except main/electron/.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, shell } from 'electron';
import { defaultDataDir } from './accounts/dataDir';
import { APP_ORIGIN } from './electron/appOrigin';
import { handleAppProtocol, registerAppScheme } from './electron/appProtocol';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './electron/contentSecurityPolicy';
import { checkExternalUrl } from './electron/externalUrl';
import { hardenSession } from './electron/hardenSession';
import { forwardEvents, registerIpcBridge } from './electron/ipcBridge';
import { guardWebContents, openMainWindow } from './electron/mainWindow';
import { installMenu } from './electron/menu';
import { openSecretStore } from './secrets/openSecretStore';
import { EnlightService } from './service';

const here = fileURLToPath(new URL('.', import.meta.url));
// The dev server only while developing: a built app never loads anything from the network.
const devUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;
const log = (line: string) => process.stderr.write(`${line}\n`);

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another Enlight Admin is running: it shows its window (see 'second-instance') and this one leaves.
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let service: EnlightService | null = null;
  const openExternal = async (url: string) => {
    const checked = checkExternalUrl(url);
    if (checked) await shell.openExternal(checked);
  };

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appOrigin));

  const showWindow = () => {
    if (!service) return;
    window = openMainWindow({
      dataDir: defaultDataDir(),
      preloadPath: join(here, '../preload/index.cjs'),
      startUrl: devUrl ?? `${APP_ORIGIN}/index.html`,
      appOrigin,
    });
    forwardEvents(service.events, window.webContents);
    window.on('closed', () => (window = null));
  };

  void app.whenReady().then(async () => {
    hardenSession(devUrl ? devContentSecurityPolicy(appOrigin) : CONTENT_SECURITY_POLICY);
    handleAppProtocol(join(here, '../renderer'));
    const dataDir = defaultDataDir();
    const secrets = await openSecretStore();
    if (secrets.warning) log(secrets.warning);
    service = new EnlightService({ dataDir, secrets: secrets.store, keychainWarning: secrets.warning ?? null, openExternal, version: app.getVersion(), log });
    registerIpcBridge({ handlers: service, appOrigin, log });
    installMenu({ appName: app.name, platform: process.platform, dev: devUrl !== undefined, openExternal: (url) => void openExternal(url) });
    showWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) showWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Stop the sync and close the databases (and the demo's sandbox) before leaving.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !service) return;
    closing = true;
    event.preventDefault();
    void service.close().finally(() => app.quit());
  });
}
