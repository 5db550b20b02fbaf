// A record's fields as a list of label and value, each value shown as its kind says (dates in the
// user's locale, flags as yes or no, prices with their currency: as the grid's cells show them), related records as links to
// their panes, plain text as text (never as markup) and the server's HTML sanitized.
import { formatCell } from '../../grid/formatCell';
import { useI18n } from '../../i18n/useI18n';
import { choiceLabel, fieldSpec } from '../recordFields';
import { RecordLink, type PaneTarget } from './RecordLink';
import { SafeHtml } from './SafeHtml';

interface Props {
  record: Record<string, unknown>;
  keys: readonly string[];
  onOpen(target: PaneTarget): void;
}

export function RecordFields({ record, keys, onOpen }: Props) {
  const i18n = useI18n();
  return (
    <dl className="record-fields">
      {keys.map((key) => {
        const spec = fieldSpec(key);
        const value = record[key];
        let shown;
        if (value === null || value === undefined || value === '') shown = <span className="record-fields__none">{i18n.t('gridTools.value.none')}</span>;
        else if (key.endsWith('_html') && typeof value === 'string') shown = <SafeHtml html={value} />;
        else if (spec.kind === 'record' && spec.refersTo && typeof value === 'string') shown = <RecordLink resource={spec.refersTo} id={value} onOpen={onOpen} />;
        else if (spec.kind === 'choice') shown = choiceLabel(spec, String(value), i18n.t);
        else if (spec.kind === 'date' || spec.kind === 'flag' || spec.kind === 'money') shown = formatCell({ key, label: spec.label, kind: spec.kind, sortable: false, width: 0 }, record, i18n);
        else shown = <span className="record-fields__text">{typeof value === 'object' ? JSON.stringify(value) : String(value)}</span>;
        return (
          <div key={key} className="record-fields__row">
            <dt>{i18n.t(spec.label)}</dt>
            <dd>{shown}</dd>
          </div>
        );
      })}
    </dl>
  );
}
