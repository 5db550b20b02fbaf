// The side pane beside a grid with one record's details. It is a complementary region, not a
// modal: the grid stays usable beside it. Opening it (or a related record in it) moves focus to
// its heading; Escape or the close button closes it and focus goes back to where it was in the grid.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useRecordLabel } from '../useRecordLabel';
import { CourseDetails } from './CourseDetails';
import { EnrollmentDetails } from './EnrollmentDetails';
import { GroupDetails } from './GroupDetails';
import type { PaneTarget } from './RecordLink';
import { StudentDetails } from './StudentDetails';
import { UserDetails } from './UserDetails';
import './DetailPane.css';

interface Props {
  target: PaneTarget;
  onOpen(target: PaneTarget): void;
  onClose(): void;
}

export function DetailPane({ target, onOpen, onClose }: Props) {
  const { t } = useI18n();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Enrollments have no name of their own; the pane names their student and course instead.
  const name = useRecordLabel(target.resource === 'enrollments' ? undefined : target.resource, target.id);
  const kind = t(`gridTools.detail.kind.${target.resource}`);

  useEffect(() => {
    heading.current?.focus();
  }, [target.resource, target.id]);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      // The cell that opened the pane may have been scrolled away and replaced: then the grid's tab stop.
      const back = opener?.isConnected ? opener : document.querySelector<HTMLElement>('[role="grid"] [tabindex="0"]');
      back?.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onClose();
    }
  };

  const body = {
    courses: <CourseDetails id={target.id} onOpen={onOpen} />,
    students: <StudentDetails id={target.id} onOpen={onOpen} />,
    enrollments: <EnrollmentDetails id={target.id} onOpen={onOpen} />,
    groups: <GroupDetails id={target.id} onOpen={onOpen} />,
    users: <UserDetails id={target.id} onOpen={onOpen} />,
  }[target.resource];

  return (
    <aside className="detail-pane" aria-labelledby={headingId} onKeyDown={onKeyDown} data-testid="detail-pane">
      <header className="detail-pane__header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {name ? t('gridTools.detail.heading', { kind, name }) : kind}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          {t('gridTools.detail.close')}
        </button>
      </header>
      <div className="detail-pane__body" key={`${target.resource}/${target.id}`}>
        {body}
      </div>
    </aside>
  );
}
