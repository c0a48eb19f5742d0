// Runs in the renderer. Sidebar navigation, header and the main landmark around the current screen.
import { Fragment, useEffect, useRef } from 'react';
import type { CommandOutput } from '../../../shared/contract/commands';
import { Link } from '../router/link';
import { section, type Route } from '../router/routes';
import { NO_INVOICE_FILTERS } from '../router/invoice-routes';
import { ThemeSwitcher } from '../theme/theme-switcher';
import { useAgency } from './agency-context';
import { Logo } from './logo';
import { RouteView } from './route-view';
import { useScreenShortcuts } from './use-screen-shortcuts';
import { UnassignedNavCount } from '../screens/usage/unassigned-nav-count';
import { AlertsNavItem } from '../screens/alerts/alerts-nav-item';
import { AlertToasts } from '../screens/alerts/alert-toasts';
import { StripeNavItem } from '../screens/stripe/stripe-nav-item';

type NavItem = { key: 'dashboard' | 'clients' | 'breakdown' | 'providers' | 'unassigned' | 'import' | 'settings' | 'plans' | 'invoices'; label: string; to: Route; icon: string };

const NAV: readonly NavItem[] = [
  { key: 'dashboard', label: 'Dashboard', to: { name: 'dashboard' }, icon: 'M3 3h6v8H3zM11 3h6v5h-6zM11 10h6v7h-6zM3 13h6v4H3z' },
  { key: 'clients', label: 'Clients', to: { name: 'clients' }, icon: 'M8 7a3 3 0 1 0 0 .01M2.5 16c.6-2.6 2.8-4 5.5-4s4.9 1.4 5.5 4M13 4.5a3 3 0 0 1 0 5.5M15 12.3c1.4.5 2.3 1.8 2.5 3.7' },
  { key: 'breakdown', label: 'Breakdown', to: { name: 'breakdown', period: null }, icon: 'M3 4.5h14M3 8.5h14M3 12.5h14M3 16.5h14M8 4.5v12' },
  { key: 'plans', label: 'Plans', to: { name: 'plans' }, icon: 'M5 2.5h7l3 3v12H5zM12 2.5v3h3M8 9h4M8 12h4M8 15h2' },
  { key: 'invoices', label: 'Invoices', to: { name: 'invoices', filters: NO_INVOICE_FILTERS }, icon: 'M4.5 2.5h11v15l-2-1.3-1.8 1.3-1.7-1.3-1.7 1.3-1.8-1.3-2 1.3zM7.5 7h5M7.5 10h5M7.5 13h3' },
  { key: 'providers', label: 'Providers', to: { name: 'providers' }, icon: 'M3 5.5h14M3 10h14M3 14.5h14M6 3v14' },
  { key: 'unassigned', label: 'Unassigned usage', to: { name: 'unassigned' }, icon: 'M10 2.5l7.5 13h-15zM10 8v3.5M10 13.8v.2' },
  { key: 'import', label: 'Import usage', to: { name: 'import', accountId: null }, icon: 'M10 3v9.5M6 8.5l4 4 4-4M3.5 14v2.5h13V14' },
  { key: 'settings', label: 'Settings', to: { name: 'settings' }, icon: 'M10 7.2a2.8 2.8 0 1 0 0 5.6 2.8 2.8 0 0 0 0-5.6zM10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4' },
];

export function AppShell({ route, info }: { route: Route; info: CommandOutput<'app.info'> }) {
  const { agency } = useAgency();
  useScreenShortcuts();
  const mainRef = useRef<HTMLElement>(null);
  const current = section(route);
  const firstRender = useRef(true);
  const routeKey = route.name === 'client' || route.name === 'invoice' ? `${route.name}/${route.id}` : route.name;

  // Move focus to the new screen on navigation, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    mainRef.current?.scrollTo?.({ top: 0 });
  }, [routeKey]);

  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to content
      </button>
      <aside className="sidebar">
        <div className="sidebar-brand">
          <Logo />
        </div>
        <nav className="sidebar-nav" aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <Fragment key={item.key}>
                <li>
                  <Link to={item.to} className="nav-link" aria-current={current === item.key ? 'page' : undefined}>
                    <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
                      <path d={item.icon} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
                    </svg>
                    <span>{item.label}</span>
                    {item.key === 'unassigned' ? <UnassignedNavCount /> : null}
                  </Link>
                </li>
                {item.key === 'invoices' ? <StripeNavItem current={current === 'stripe'} /> : null}
              </Fragment>
            ))}
            <AlertsNavItem current={route.name === 'alerts'} />
          </ul>
        </nav>
        <div className="sidebar-footer">
          <span className="sidebar-meta">
            v{info.version} · {info.mode === 'electron' ? 'Desktop' : info.mode === 'browser' ? 'Browser mode' : info.mode}
          </span>
        </div>
      </aside>
      <div className="workspace">
        <header className="topbar">
          <div className="topbar-agency">
            <span className="topbar-agency-avatar" aria-hidden="true">
              {(agency?.name ?? 'M').trim().charAt(0).toUpperCase()}
            </span>
            <span className="topbar-agency-name">{agency?.name ?? 'Meterbook'}</span>
          </div>
          <ThemeSwitcher />
        </header>
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          <div className="content">
            <RouteView route={route} />
          </div>
        </main>
      </div>
      <AlertToasts />
    </div>
  );
}
