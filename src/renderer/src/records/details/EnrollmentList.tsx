// Enrollments that belong with a record (a student's, a group's), each opening its own pane, and
// a link to the enrollments grid filtered to exactly these.
import { useId } from 'react';
import type { GridLink } from '../../../../shared/bridge';
import { useI18n } from '../../i18n/useI18n';
import { gridLinkHref } from '../../routing/gridLink';
import { enrollmentState } from '../enrollmentState';
import { choiceLabel, fieldSpec } from '../recordFields';
import { RecordLink, type PaneTarget } from './RecordLink';

interface Props {
  enrollments: Record<string, unknown>[];
  /** Which of the two names to show: a student's pane lists courses, a group's students and courses. */
  show: 'course' | 'student-and-course';
  grid: GridLink;
  onOpen(target: PaneTarget): void;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function EnrollmentList({ enrollments, show, grid, onOpen }: Props) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const headingId = useId();
  const now = Date.now();
  const state = fieldSpec('state');
  return (
    <section className="detail-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{tn('gridTools.detail.enrollments', enrollments.length)}</h3>
      {enrollments.length ? (
        <table className="detail-table">
          <thead>
            <tr>
              {show === 'student-and-course' ? <th scope="col">{t('column.student_id')}</th> : null}
              <th scope="col">{t('column.course_id')}</th>
              <th scope="col">{t('gridTools.field.state')}</th>
              <th scope="col">{t('column.expires_at')}</th>
            </tr>
          </thead>
          <tbody>
            {enrollments.map((row) => {
              const id = String(row['id']);
              const expires = text(row['expires_at']);
              return (
                <tr key={id}>
                  {show === 'student-and-course' ? (
                    <td>
                      <RecordLink resource="students" id={text(row['student_id'])} name={text(row['student_name'])} onOpen={onOpen} />
                    </td>
                  ) : null}
                  <td>
                    <RecordLink resource="enrollments" id={id} name={text(row['course_name']) || text(row['custom_name'])} onOpen={onOpen} />
                  </td>
                  <td>{choiceLabel(state, enrollmentState(row, now), t)}</td>
                  <td>{expires ? i18n.dateTime(expires) : t('gridTools.value.none')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p>{t('gridTools.detail.noEnrollments')}</p>
      )}
      <p>
        <a href={gridLinkHref(grid)}>{t('gridTools.detail.showInGrid')}</a>
      </p>
    </section>
  );
}
