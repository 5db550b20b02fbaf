// A user (an instructor, a manager): their fields, and the enrollments they teach in the grid.
import { useEffect, useState } from 'react';
import type { BridgeFailure } from '../../../../shared/bridge';
import { useI18n } from '../../i18n/useI18n';
import { gridLinkHref } from '../../routing/gridLink';
import { bridge } from '../../state/stores';
import { toFailure } from '../../state/toFailure';
import { DetailStatus } from './DetailStatus';
import { RecordFields } from './RecordFields';
import type { PaneTarget } from './RecordLink';

const USER_FIELDS = ['given_name', 'family_name', 'email', 'role', 'locale', 'unsubscribed'] as const;

export function UserDetails({ id, onOpen }: { id: string; onOpen(target: PaneTarget): void }) {
  const { t } = useI18n();
  const [state, setState] = useState<{ id: string; data: Record<string, unknown> | null | undefined; failure: BridgeFailure | null }>({ id, data: undefined, failure: null });
  useEffect(() => {
    let current = true;
    bridge.invoke('records.get', { resource: 'users', id }).then(
      (data) => current && setState({ id, data, failure: null }),
      (error: unknown) => current && setState({ id, data: undefined, failure: toFailure(error) }),
    );
    return () => {
      current = false;
    };
  }, [id]);
  const { data, failure } = state.id === id ? state : { data: undefined, failure: null };
  if (!data) return <DetailStatus data={data} failure={failure} />;
  return (
    <>
      <RecordFields record={data} keys={USER_FIELDS} onOpen={onOpen} />
      <p>
        <a href={gridLinkHref({ resource: 'enrollments', filters: [{ column: 'instructor_id', op: 'eq', value: id }] })}>{t('gridTools.detail.taughtInGrid')}</a>
      </p>
    </>
  );
}
