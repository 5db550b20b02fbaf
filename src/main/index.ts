// Electron entry. The window itself lives in main/electron/; everything else in main/ runs under plain Node.
import { app } from 'electron';
import { openMainWindow } from './electron/mainWindow';

app.whenReady().then(() => {
  openMainWindow();
  app.on('activate', () => openMainWindow());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
