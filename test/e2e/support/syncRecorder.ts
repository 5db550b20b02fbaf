// Remembers what the sync bar showed while a sync ran. The demo organisation syncs in moments,
// faster than any polling assertion looks; an observer in the page sees every change instead.
// (Installed through Playwright's init script, which the page's CSP does not govern.)
import type { Page } from '@playwright/test';

export interface SyncBarSighting {
  /** The progress list's text. */
  steps: string;
  /** The Stop button was there. */
  stop: boolean;
}

export async function recordSyncProgress(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { steps: string; stop: boolean }[] = [];
    Object.assign(window, { __syncBarSeen: seen });
    new MutationObserver(() => {
      const bar = document.querySelector('.sync-bar[data-running="true"]');
      if (!bar) return;
      const steps = bar.querySelector('[data-testid="sync-progress"]')?.textContent ?? '';
      const stop = [...bar.querySelectorAll('button')].some((b) => b.textContent === 'Stop');
      const last = seen.at(-1);
      if (steps && (last?.steps !== steps || last.stop !== stop)) seen.push({ steps, stop });
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** What the bar showed while the sync was running, each distinct state once. */
export function syncBarSightings(page: Page): Promise<SyncBarSighting[]> {
  return page.evaluate(() => (window as unknown as { __syncBarSeen?: { steps: string; stop: boolean }[] }).__syncBarSeen ?? []);
}
