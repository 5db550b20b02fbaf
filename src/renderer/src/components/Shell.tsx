// The frame around every screen of an open account: account and connection on top, sections on
// the side, the sync bar at the bottom, and a place for the outbox beside the content.
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/useI18n';
import { OverviewPage } from '../pages/OverviewPage';
import { ResourcePage } from '../pages/ResourcePage';
import { useLandOnOverview } from '../overview/useLandOnOverview';
import { SettingsPage } from '../pages/SettingsPage';
import { AddAccountPage } from '../pages/AddAccountPage';
import { useRoute } from '../routing/useRoute';
import { useApp } from '../state/hooks';
import { AccountSwitcher } from './AccountSwitcher';
import { ConnectionIndicator } from './ConnectionIndicator';
import { Navigation } from './Navigation';
import { OutboxPanel } from './OutboxPanel';
import { SyncBar } from './SyncBar';
import './Shell.css';

export function Shell() {
  const { t } = useI18n();
  const route = useRoute();
  useLandOnOverview();
  const account = useApp((s) => s.app?.current?.name ?? '');
  const routeKey = route.screen === 'resource' ? route.resource : route.screen;
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a navigation, focus moves to the new screen so keyboard and screen-reader users land on
  // it rather than staying in the menu; not on the first render, which would steal the page's start.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [routeKey]);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#content"
        onClick={(event) => {
          // The hash is the route here, so following the link would leave the page; move focus instead.
          event.preventDefault();
          main.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="shell__top">
        <span className="shell__brand">{t('app.name')}</span>
        <AccountSwitcher />
        <ConnectionIndicator />
      </header>
      <Navigation route={route} />
      <main className="shell__main" id="content" ref={main} tabIndex={-1}>
        {route.screen === 'resource' ? <ResourcePage key={`${account}/${route.resource}`} resource={route.resource} /> : null}
        {route.screen === 'overview' ? <OverviewPage key={account} /> : null}
        {route.screen === 'settings' ? <SettingsPage /> : null}
        {route.screen === 'add-account' ? <AddAccountPage /> : null}
      </main>
      <OutboxPanel />
      <SyncBar />
    </div>
  );
}
