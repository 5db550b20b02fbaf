// The outbox figures lead to the outbox panel beside the page (components/OutboxPanel.tsx): it is
// always in the frame, so "opening" it brings it into view and moves focus there.
export const OUTBOX_PANEL_ID = 'outbox';

export function openOutboxPanel(): void {
  const panel = document.getElementById(OUTBOX_PANEL_ID);
  if (!panel) return;
  panel.scrollIntoView({ block: 'nearest' });
  panel.focus();
}
