// A library item a step refers to: its title and author, its introduction (sanitized), and its
// file as a link that opens in the user's browser.
import { useState } from 'react';
import type { BridgeFailure } from '../../../../shared/bridge';
import { FailureMessage } from '../../components/FailureMessage';
import { useI18n } from '../../i18n/useI18n';
import { toFailure } from '../../state/toFailure';
import { openLink } from './openLink';
import { SafeHtml } from './SafeHtml';

type Json = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function LibraryItem({ item }: { item: Json }) {
  const { t, number } = useI18n();
  const [failure, setFailure] = useState<BridgeFailure | null>(null);
  // Only an https file is offered as a link; anything else would be one the app will not open.
  const url = /^https:\/\//i.test(text(item['asset_file_url'])) ? text(item['asset_file_url']) : '';
  const data = typeof item['asset_file_data'] === 'object' && item['asset_file_data'] !== null ? (item['asset_file_data'] as Json) : null;
  const metadata = data && typeof data['metadata'] === 'object' && data['metadata'] !== null ? (data['metadata'] as Json) : null;
  const fileName = text(metadata?.['filename']) || url.split('/').at(-1) || '';
  const size = typeof metadata?.['size'] === 'number' ? metadata['size'] : null;
  const author = text(item['author']);
  return (
    <div className="library-item" data-testid="library-item">
      <p className="library-item__title">
        {t('gridTools.detail.libraryItem', { title: text(item['title']) })}
        {author ? <span className="library-item__author"> — {author}</span> : null}
      </p>
      {text(item['intro_html']) ? <SafeHtml html={text(item['intro_html'])} /> : null}
      {url ? (
        <p>
          <a
            href={url}
            rel="noopener noreferrer"
            onClick={(event) => {
              event.preventDefault();
              setFailure(null);
              openLink(url).catch((error: unknown) => setFailure(toFailure(error)));
            }}
          >
            {size === null ? t('gridTools.detail.file', { name: fileName }) : t('gridTools.detail.fileWithSize', { name: fileName, size: number(Math.max(1, Math.round(size / 1024))) })}
          </a>
        </p>
      ) : (
        <p className="record-fields__none">{t('gridTools.detail.noFile')}</p>
      )}
      {failure ? <FailureMessage lead="gridTools.detail.linkFailed" failure={failure} /> : null}
    </div>
  );
}
