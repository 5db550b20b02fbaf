// Installs the native menu (see menuTemplate.ts for what is in it and why).
import { Menu } from 'electron';
import { menuTemplate, type MenuOptions } from './menuTemplate';

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
