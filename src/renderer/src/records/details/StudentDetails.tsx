// A student with all their enrollments.
import { DetailStatus } from './DetailStatus';
import { EnrollmentList } from './EnrollmentList';
import { RecordFields } from './RecordFields';
import type { PaneTarget } from './RecordLink';
import { useDetail } from './useDetail';

const STUDENT_FIELDS = ['given_name', 'family_name', 'email', 'company_name', 'external_id', 'locale', 'time_zone'] as const;

export function StudentDetails({ id, onOpen }: { id: string; onOpen(target: PaneTarget): void }) {
  const { data, failure } = useDetail('students.detail', 'students', id);
  if (!data) return <DetailStatus data={data} failure={failure} />;
  return (
    <>
      <RecordFields record={data.record} keys={STUDENT_FIELDS} onOpen={onOpen} />
      <EnrollmentList enrollments={data.enrollments ?? []} show="course" grid={{ resource: 'enrollments', filters: [{ column: 'student_id', op: 'eq', value: id }] }} onOpen={onOpen} />
    </>
  );
}
