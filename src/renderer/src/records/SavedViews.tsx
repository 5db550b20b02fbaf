// Named views of a grid: what it filters and searches, how it sorts, and its columns, saved for
// this account under a name, picked again from a list, deleted when no longer wanted. Saving
// under a name that exists replaces that view.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BridgeFailure, GridResource, SavedView } from '../../../shared/bridge';
import { MAX_VIEW_NAME_CHARS } from '../../../shared/contractLists';
import type { MessageKey } from '../i18n/createI18n';
import { useI18n } from '../i18n/useI18n';
import { bridge } from '../state/stores';
import { toFailure } from '../state/toFailure';
import { Disclosure } from './Disclosure';
import { savableLayout } from './layoutEdits';

interface Props {
  resource: GridResource;
  /** The grid as it is now, to save. */
  current: SavedView;
  onApply(view: SavedView): void;
  onNotice(message: string): void;
  onFailure(lead: MessageKey, failure: BridgeFailure): void;
}

export function SavedViews({ resource, current, onApply, onNotice, onFailure }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [views, setViews] = useState<SavedView[]>([]);
  const [picked, setPicked] = useState('');

  useEffect(() => {
    let live = true;
    bridge.invoke('views.list', { resource }).then(
      (list) => live && setViews(list),
      (error: unknown) => live && onFailure('gridTools.views.listFailed', toFailure(error)),
    );
    return () => {
      live = false;
    };
    // Read once per grid; onFailure is a new function each render of the page.
  }, [resource]);

  const pick = (name: string) => {
    setPicked(name);
    const view = views.find((v) => v.name === name);
    if (!view) return;
    onApply(view);
    onNotice(t('gridTools.views.applied', { name }));
  };

  const remove = async () => {
    const name = picked;
    if (!name) return;
    try {
      setViews(await bridge.invoke('views.delete', { resource, name }));
      setPicked('');
      onNotice(t('gridTools.views.deleted', { name }));
    } catch (error) {
      onFailure('gridTools.views.deleteFailed', toFailure(error));
    }
  };

  const save = async (name: string): Promise<boolean> => {
    try {
      const view = { ...current, name, layout: savableLayout(current.layout) };
      setViews(await bridge.invoke('views.save', { resource, view }));
      setPicked(name);
      onNotice(t('gridTools.views.saved', { name }));
      return true;
    } catch (error) {
      onFailure('gridTools.views.saveFailed', toFailure(error));
      return false;
    }
  };

  return (
    <div className="saved-views">
      <div className="saved-views__pick">
        <label htmlFor={`${id}-pick`}>{t('gridTools.views.label')}</label>
        <select id={`${id}-pick`} value={picked} onChange={(e) => pick(e.target.value)}>
          <option value="">{views.length ? t('gridTools.views.choose') : t('gridTools.views.none')}</option>
          {views.map((view) => (
            <option key={view.name} value={view.name}>
              {view.name}
            </option>
          ))}
        </select>
        {picked ? (
          <button type="button" className="button" onClick={() => void remove()}>
            {t('gridTools.views.delete', { name: picked })}
          </button>
        ) : null}
      </div>
      <Disclosure label={t('gridTools.views.saveAs')}>{(close) => <SaveViewForm existing={views.map((v) => v.name)} onSave={async (name) => (await save(name)) && close()} />}</Disclosure>
    </div>
  );
}

function SaveViewForm({ existing, onSave }: { existing: string[]; onSave(name: string): Promise<unknown> }) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed || busy) return;
    setBusy(true);
    await onSave(trimmed);
    setBusy(false);
  };
  return (
    <form className="saved-views__form" noValidate onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('gridTools.views.name')}</label>
        <input id={`${id}-name`} value={name} maxLength={MAX_VIEW_NAME_CHARS} autoFocus aria-describedby={`${id}-hint`} onChange={(e) => setName(e.target.value)} />
        <p className="field__hint" id={`${id}-hint`} aria-live="polite">
          {existing.includes(trimmed) ? t('gridTools.views.replaces', { name: trimmed }) : t('gridTools.views.nameHint')}
        </p>
      </div>
      <button type="submit" className="button button--primary" aria-disabled={busy} disabled={!trimmed}>
        {t('gridTools.views.save')}
      </button>
    </form>
  );
}
