// The sections: one link per resource with its record count, then settings. Plain links, so Tab,
// Enter and the browser's history all work without extra code.
import { GRID_RESOURCES } from '../../../shared/contractLists';
import { useI18n } from '../i18n/useI18n';
import { hrefFor, type Route } from '../routing/route';
import { useSync } from '../state/hooks';
import './Navigation.css';

export function Navigation({ route }: { route: Route }) {
  const { t, number } = useI18n();
  const counts = useSync((s) => s.status?.counts ?? null);
  return (
    <nav className="navigation" aria-label={t('nav.label')}>
      <ul>
        <li>
          <a href={hrefFor({ screen: 'overview' })} aria-current={route.screen === 'overview' ? 'page' : undefined}>
            {t('overview.nav')}
          </a>
        </li>
        {GRID_RESOURCES.map((resource) => {
          const current = route.screen === 'resource' && route.resource === resource;
          const count = counts?.[resource];
          return (
            <li key={resource}>
              <a href={hrefFor({ screen: 'resource', resource })} aria-current={current ? 'page' : undefined}>
                <span>{t(`resource.${resource}`)}</span>
                {count === undefined ? null : <span className="navigation__count">{number(count)}</span>}
              </a>
            </li>
          );
        })}
      </ul>
      <ul className="navigation__end">
        <li>
          <a href={hrefFor({ screen: 'settings' })} aria-current={route.screen === 'settings' ? 'page' : undefined}>
            {t('nav.settings')}
          </a>
        </li>
      </ul>
    </nav>
  );
}
