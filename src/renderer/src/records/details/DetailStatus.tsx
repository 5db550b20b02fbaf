// What a pane says while its record is read, when the read failed, or when the record is not here.
import type { BridgeFailure } from '../../../../shared/bridge';
import { FailureMessage } from '../../components/FailureMessage';
import { useI18n } from '../../i18n/useI18n';

export function DetailStatus({ data, failure }: { data: unknown; failure: BridgeFailure | null }) {
  const { t } = useI18n();
  if (failure) return <FailureMessage lead="gridTools.detail.failed" failure={failure} />;
  if (data === undefined) return <p role="status">{t('gridTools.detail.loading')}</p>;
  if (data === null) return <p>{t('gridTools.detail.missing')}</p>;
  return null;
}
