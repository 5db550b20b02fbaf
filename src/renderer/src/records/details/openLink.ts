// Opens a link a person clicked in the user's own browser, never in the app's window. The back end
// checks it (https only) and opens it on the desktop; in browser mode it answers "not opened" and
// the page opens it in a new tab, with no way back to this one.
import { bridge } from '../../state/stores';

export async function openLink(url: string): Promise<void> {
  const { opened } = await bridge.invoke('shell.openExternal', { url });
  if (!opened) window.open(url, '_blank', 'noopener,noreferrer');
}
