// A group with its enrollments.
import { DetailStatus } from './DetailStatus';
import { EnrollmentList } from './EnrollmentList';
import { RecordFields } from './RecordFields';
import type { PaneTarget } from './RecordLink';
import { useDetail } from './useDetail';

export function GroupDetails({ id, onOpen }: { id: string; onOpen(target: PaneTarget): void }) {
  const { data, failure } = useDetail('groups.detail', 'groups', id);
  if (!data) return <DetailStatus data={data} failure={failure} />;
  return (
    <>
      <RecordFields record={data.record} keys={['name']} onOpen={onOpen} />
      <EnrollmentList enrollments={data.enrollments ?? []} show="student-and-course" grid={{ resource: 'enrollments', filters: [{ column: 'group_id', op: 'eq', value: id }] }} onOpen={onOpen} />
    </>
  );
}
