// A course with its checksheets; for the checksheet picked (the current one at first), its
// sections and steps in sequence.
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { ChecksheetSections } from './ChecksheetSections';
import { courseChecksheetSections } from './checksheetSections';
import { DetailStatus } from './DetailStatus';
import { RecordFields } from './RecordFields';
import type { PaneTarget } from './RecordLink';
import { useDetail } from './useDetail';

const COURSE_FIELDS = [
  'name',
  'summary',
  'marketing_copy_html',
  'completion_information_html',
  'price_cents',
  'purchasable',
  'advertised',
  'multiple_sign_ups',
  'instructor_id',
  'prerequisite_course_id',
  'archived_at',
  'updated_at',
] as const;

export function CourseDetails({ id, onOpen }: { id: string; onOpen(target: PaneTarget): void }) {
  const { t, tn, dateTime } = useI18n();
  const headingId = useId();
  const { data, failure } = useDetail('courses.detail', 'courses', id);
  const [picked, setPicked] = useState<string | null>(null);
  if (!data) return <DetailStatus data={data} failure={failure} />;

  const checksheets = data.checksheets;
  const currentId = checksheets.find((c) => c.checksheet['current_checksheet'] === true)?.checksheet['id'];
  const shownId = picked ?? (typeof currentId === 'string' ? currentId : null);
  const shown = checksheets.find((c) => c.checksheet['id'] === shownId);
  const keys = COURSE_FIELDS.filter((k) => k in data.course || k === 'summary');

  return (
    <>
      <RecordFields record={data.course} keys={keys} onOpen={onOpen} />
      <section className="detail-section" aria-labelledby={headingId}>
        <h3 id={headingId}>{tn('gridTools.detail.checksheets', checksheets.length)}</h3>
        {checksheets.length ? (
          <ul className="detail-checksheets">
            {checksheets.map(({ checksheet }) => {
              const checksheetId = String(checksheet['id']);
              const updated = typeof checksheet['updated_at'] === 'string' ? dateTime(checksheet['updated_at']) : '';
              return (
                <li key={checksheetId}>
                  <button type="button" className="link-button" aria-pressed={checksheetId === shownId} onClick={() => setPicked(checksheetId)}>
                    {t('gridTools.detail.checksheet', { version: String(checksheet['version'] ?? '?') })}
                  </button>{' '}
                  <span className="detail-checksheets__facts">
                    {[
                      checksheet['current_checksheet'] === true ? t('gridTools.detail.current') : null,
                      checksheet['published'] === true ? t('gridTools.detail.published') : t('gridTools.detail.unpublished'),
                      updated ? t('gridTools.detail.updated', { time: updated }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{t('gridTools.detail.noChecksheets')}</p>
        )}
        {shown ? (
          <section className="detail-section" aria-label={t('gridTools.detail.checksheet', { version: String(shown.checksheet['version'] ?? '?') })}>
            <ChecksheetSections sections={courseChecksheetSections(shown)} />
          </section>
        ) : null}
      </section>
    </>
  );
}
