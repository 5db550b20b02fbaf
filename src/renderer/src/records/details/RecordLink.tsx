// A related record, named, as a button that opens its own detail pane.
import type { GridResource } from '../../../../shared/bridge';
import { useI18n } from '../../i18n/useI18n';
import { useRecordLabel } from '../useRecordLabel';

export interface PaneTarget {
  resource: GridResource;
  id: string;
}

interface Props {
  resource: GridResource;
  id: string;
  /** The name when the caller has it already; otherwise it is read from the local copy. */
  name?: string;
  onOpen(target: PaneTarget): void;
}

export function RecordLink({ resource, id, name, onOpen }: Props) {
  const { t } = useI18n();
  const read = useRecordLabel(name ? undefined : resource, id);
  const label = name || read || id;
  return (
    <button type="button" className="link-button" aria-label={t('gridTools.detail.open', { name: label, kind: t(`gridTools.detail.kind.${resource}`) })} onClick={() => onOpen({ resource, id })}>
      {label}
    </button>
  );
}
