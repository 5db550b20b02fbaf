// A new record of one resource, with the fields the API takes on create. An enrollment is for a
// student picked from the local copy, or for a new student whose details go with it (the API
// creates both in one call). What the back end refuses is shown next to its field, and the form
// keeps everything typed, so a person corrects one field and tries again.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BridgeFailure, GridResource } from '../../../shared/bridge';
import { REQUIRED } from '../../../shared/editableFields';
import { FailureMessage } from '../components/FailureMessage';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { toFailure } from '../state/toFailure';
import { Dialog } from './Dialog';
import { FieldInput } from './FieldInput';
import { apiFields, errorsFor, otherErrors, type FormValues } from './formValues';
import { createFields, type FieldSpec } from './recordFields';

type StudentChoice = 'existing' | 'new';

const NEW_STUDENT_FIELDS = new Set([
  'student_email',
  'student_given_name',
  'student_family_name',
  'student_external_id',
  'student_password',
  'student_locale',
  'student_account_id',
  'student_cancel_legacy_system',
]);
const NEW_STUDENT_REQUIRED = ['student_email', 'student_given_name', 'student_family_name'];

/** The fields the form shows: for an enrollment, those of the way its student is chosen. */
function formFields(resource: GridResource, student: StudentChoice): FieldSpec[] {
  const all = createFields(resource);
  if (resource !== 'enrollments') return all;
  return all.filter((f) => (student === 'new' ? f.key !== 'student_id' : !NEW_STUDENT_FIELDS.has(f.key)));
}

function requiredFields(resource: GridResource, student: StudentChoice): string[] {
  if (resource !== 'enrollments') return [...REQUIRED[resource]];
  return [...REQUIRED.enrollments, ...(student === 'new' ? NEW_STUDENT_REQUIRED : ['student_id'])];
}

interface Props {
  resource: GridResource;
  onClose(): void;
  onCreated(id: string): void;
}

export function CreateRecordDialog({ resource, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const [values, setValues] = useState<FormValues>({});
  const [student, setStudent] = useState<StudentChoice>('existing');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<BridgeFailure | null>(null);
  const fields = formFields(resource, student);
  const required = new Set(requiredFields(resource, student));
  const form = useRef<HTMLFormElement>(null);

  // After a refusal the keyboard lands on the first field the back end named.
  useEffect(() => {
    if (failure) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failure]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const { id } = await bridge.invoke('records.create', { resource, fields: apiFields(fields, values) });
      onCreated(id);
    } catch (error) {
      setFailure(toFailure(error));
      setBusy(false);
    }
  };

  const field = (spec: FieldSpec) => (
    <FieldInput
      key={spec.key}
      spec={spec}
      value={values[spec.key]}
      onChange={(value) => setValues((v) => ({ ...v, [spec.key]: value }))}
      errors={errorsFor(spec.key, failure?.fieldErrors)}
      required={required.has(spec.key)}
    />
  );
  const shownFailure = failure ? { ...failure, fieldErrors: otherErrors(fields.map((f) => f.key), failure.fieldErrors) } : null;

  return (
    <Dialog title={t(`gridTools.create.title.${resource}`)} onClose={onClose} busy={busy}>
      <form ref={form} className="records-dialog__form" noValidate onSubmit={(e) => void submit(e)}>
        {resource === 'enrollments' ? (
          <>
            {fields.filter((f) => f.key === 'course_id' || f.key === 'instructor_id').map(field)}
            <fieldset className="records-fieldset">
              <legend>{t('gridTools.create.student.legend')}</legend>
              <label className="records-choice">
                <input type="radio" name="student" value="existing" checked={student === 'existing'} onChange={() => setStudent('existing')} /> {t('gridTools.create.student.existing')}
              </label>
              <label className="records-choice">
                <input type="radio" name="student" value="new" checked={student === 'new'} onChange={() => setStudent('new')} /> {t('gridTools.create.student.new')}
              </label>
              {fields.filter((f) => f.key === 'student_id' || NEW_STUDENT_FIELDS.has(f.key)).map(field)}
            </fieldset>
            {fields.filter((f) => f.key === 'group_ids' || f.key === 'send_enrollment_notification').map(field)}
          </>
        ) : (
          fields.map(field)
        )}
        {shownFailure ? <FailureMessage lead="gridTools.create.failed" failure={shownFailure} /> : null}
        <div className="records-dialog__actions">
          <button type="submit" className="button button--primary" aria-disabled={busy}>
            {t('gridTools.create.submit')}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t('gridTools.dialog.cancel')}
          </button>
          <span role="status" className="records-dialog__status">
            {busy ? t('gridTools.create.saving') : ''}
          </span>
        </div>
      </form>
    </Dialog>
  );
}
