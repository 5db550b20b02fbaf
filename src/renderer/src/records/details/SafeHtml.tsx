// The server's HTML, sanitized, in the page. A click on one of its links opens it in the user's
// browser through openLink; the app's window never follows it.
import { useMemo, useState, type MouseEvent } from 'react';
import type { BridgeFailure } from '../../../../shared/bridge';
import { FailureMessage } from '../../components/FailureMessage';
import { toFailure } from '../../state/toFailure';
import { sanitizeHtml } from './htmlSanitizer';
import { openLink } from './openLink';

export function SafeHtml({ html }: { html: string }) {
  const clean = useMemo(() => sanitizeHtml(html), [html]);
  const [failure, setFailure] = useState<BridgeFailure | null>(null);
  const follow = (event: MouseEvent<HTMLDivElement>) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link) return;
    event.preventDefault();
    const href = link.getAttribute('href');
    if (event.type !== 'click' || !href) return;
    setFailure(null);
    openLink(href).catch((error: unknown) => setFailure(toFailure(error)));
  };
  return (
    <>
      <div className="safe-html" onClick={follow} onAuxClick={follow} dangerouslySetInnerHTML={{ __html: clean }} />
      {failure ? <FailureMessage lead="gridTools.detail.linkFailed" failure={failure} /> : null}
    </>
  );
}
