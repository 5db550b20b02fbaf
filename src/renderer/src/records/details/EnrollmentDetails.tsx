// An enrollment with its student and course, and its checksheet as the student sees it, fetched
// from the server on request (there is no offline copy of the student's view).
import { useId, useState } from 'react';
import type { BridgeFailure } from '../../../../shared/bridge';
import { FailureMessage } from '../../components/FailureMessage';
import { useI18n } from '../../i18n/useI18n';
import { bridge } from '../../state/stores';
import { toFailure } from '../../state/toFailure';
import { choiceLabel, fieldSpec } from '../recordFields';
import { enrollmentState } from '../enrollmentState';
import { recordLabel } from '../recordLabel';
import { ChecksheetSections } from './ChecksheetSections';
import { studentChecksheetSections, type SectionView } from './checksheetSections';
import { DetailStatus } from './DetailStatus';
import { RecordFields } from './RecordFields';
import { RecordLink, type PaneTarget } from './RecordLink';
import { useDetail } from './useDetail';

const ENROLLMENT_FIELDS = ['course_id', 'instructor_id', 'custom_name', 'active', 'started_at', 'completed_at', 'expires_at', 'created_at'] as const;
const STUDENT_FIELDS = ['email', 'external_id', 'locale', 'time_zone'] as const;

type Preview = { kind: 'idle' } | { kind: 'loading' } | { kind: 'shown'; sections: SectionView[] } | { kind: 'failed'; failure: BridgeFailure };

export function EnrollmentDetails({ id, onOpen }: { id: string; onOpen(target: PaneTarget): void }) {
  const { t } = useI18n();
  const studentHeading = useId();
  const previewHeading = useId();
  const { data, failure } = useDetail('enrollments.detail', 'enrollments', id);
  const [preview, setPreview] = useState<Preview>({ kind: 'idle' });
  if (!data) return <DetailStatus data={data} failure={failure} />;

  const student = data.student ?? null;
  const studentId = typeof data.record['student_id'] === 'string' ? data.record['student_id'] : null;
  const studentName = student ? recordLabel('students', student) : '';

  const showPreview = async () => {
    setPreview({ kind: 'loading' });
    try {
      const { checksheet } = await bridge.invoke('enrollments.previewAsStudent', { id });
      setPreview({ kind: 'shown', sections: studentChecksheetSections(checksheet) });
    } catch (error) {
      setPreview({ kind: 'failed', failure: toFailure(error) });
    }
  };

  return (
    <>
      <p className="detail-state">{t('gridTools.detail.state', { state: choiceLabel(fieldSpec('state'), enrollmentState(data.record, Date.now()), t) })}</p>
      <RecordFields record={data.record} keys={ENROLLMENT_FIELDS} onOpen={onOpen} />
      <section className="detail-section" aria-labelledby={studentHeading}>
        <h3 id={studentHeading}>{t('gridTools.detail.kind.students')}</h3>
        {studentId ? (
          <>
            <p>
              <RecordLink resource="students" id={studentId} name={studentName} onOpen={onOpen} />
            </p>
            {student ? <RecordFields record={student} keys={STUDENT_FIELDS} onOpen={onOpen} /> : null}
          </>
        ) : typeof data.record['student_email'] === 'string' ? (
          // Made here with a new student: the server creates the student when the enrollment reaches it.
          <p>
            {t('gridTools.detail.newStudent', {
              name: `${String(data.record['student_given_name'] ?? '')} ${String(data.record['student_family_name'] ?? '')}`.trim(),
              email: data.record['student_email'],
            })}
          </p>
        ) : (
          <p>{t('gridTools.detail.missing')}</p>
        )}
      </section>
      <section className="detail-section" aria-labelledby={previewHeading}>
        <h3 id={previewHeading}>{t('gridTools.detail.preview')}</h3>
        <p className="field__hint">{t('gridTools.detail.previewHint')}</p>
        {/* aria-disabled, not disabled: a disabled button would drop the keyboard's focus while the view is fetched. */}
        <button type="button" className="button" aria-disabled={preview.kind === 'loading'} onClick={() => preview.kind !== 'loading' && void showPreview()}>
          {preview.kind === 'shown' ? t('gridTools.detail.previewAgain') : t('gridTools.detail.preview')}
        </button>
        <div aria-live="polite">
          {preview.kind === 'loading' ? <p role="status">{t('gridTools.detail.previewLoading')}</p> : null}
          {preview.kind === 'failed' ? <FailureMessage lead="gridTools.detail.previewFailed" failure={preview.failure} /> : null}
        </div>
        {preview.kind === 'shown' ? (
          <div className="student-preview" data-testid="student-preview">
            <ChecksheetSections sections={preview.sections} />
          </div>
        ) : null}
      </section>
    </>
  );
}
