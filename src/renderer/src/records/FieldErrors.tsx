// The back end's messages about one field of a form, each naming the field, so a message read on
// its own (by a screen reader, or in a list of them) still says what it is about.
import { useI18n } from '../i18n/useI18n';

interface Props {
  messages: string[];
  /** The field's label. */
  label: string;
  /** For the field's aria-describedby. */
  id?: string;
}

export function FieldErrors({ messages, label, id }: Props) {
  const { t } = useI18n();
  if (!messages.length) return null;
  return (
    <ul className="field__errors" id={id}>
      {messages.map((message) => (
        <li key={message}>{t('gridTools.form.fieldError', { field: label, message })}</li>
      ))}
    </ul>
  );
}
