// Where an installation keeps its accounts and their databases, by each platform's convention.
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const override = env['ENLIGHT_ADMIN_DATA_DIR'];
  if (override) return override;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Enlight Admin');
  if (platform === 'win32') return win32.join(env['APPDATA'] ?? win32.join(home, 'AppData', 'Roaming'), 'Enlight Admin');
  return join(env['XDG_DATA_HOME'] || join(home, '.local', 'share'), 'enlight-admin');
}
