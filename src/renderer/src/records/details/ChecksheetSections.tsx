// One checksheet's sections and their steps in sequence: each step's title and type, its content
// (the server's HTML, sanitized) and the library item it refers to, with the item's file.
import { useI18n } from '../../i18n/useI18n';
import type { SectionView } from './checksheetSections';
import { LibraryItem } from './LibraryItem';
import { SafeHtml } from './SafeHtml';

export function ChecksheetSections({ sections }: { sections: SectionView[] }) {
  const { t } = useI18n();
  if (!sections.length) return <p>{t('gridTools.detail.noSections')}</p>;
  return (
    <ol className="checksheet-sections">
      {sections.map((section) => (
        <li key={section.id} className="checksheet-section">
          <h4>{section.name}</h4>
          {section.steps.length ? (
            <ol className="checksheet-steps">
              {section.steps.map((step) => (
                <li key={step.id} className="checksheet-step" data-testid="checksheet-step">
                  <p className="checksheet-step__title">
                    <strong>{step.title}</strong> <span className="checksheet-step__type">{step.type}</span>
                  </p>
                  {step.contentHtml ? <SafeHtml html={step.contentHtml} /> : null}
                  {step.libraryItem ? <LibraryItem item={step.libraryItem} /> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p>{t('gridTools.detail.noSteps')}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
