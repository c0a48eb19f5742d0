// Runs in the renderer. Route -> screen, and the document title.
import { useEffect } from 'react';
import { replaceRoute } from '../router/use-route';
import type { Route } from '../router/routes';
import { ClientDetailScreen } from '../screens/clients/client-detail-screen';
import { ClientsScreen } from '../screens/clients/clients-screen';
import { DashboardScreen } from '../screens/dashboard/dashboard-screen';
import { NotFoundScreen } from '../screens/not-found-screen';
import { ClientStatementScreen } from '../screens/clients/client-statement-screen';
import { PlanEditorScreen } from '../screens/plans/plan-editor-screen';
import { PlansScreen } from '../screens/plans/plans-screen';
import { ProvidersScreen } from '../screens/providers/providers-screen';
import { ProviderDetailScreen } from '../screens/providers/provider-detail-screen';
import { UnassignedScreen } from '../screens/usage/unassigned-screen';
import { ImportScreen } from '../screens/import/import-screen';
import { SettingsScreen } from '../screens/settings/settings-screen';
import { AlertsScreen } from '../screens/alerts/alerts-screen';
import { InvoicesScreen } from '../screens/invoices/invoices-screen';
import { InvoiceDetailScreen } from '../screens/invoices/invoice-detail-screen';
import { CloseScreen } from '../screens/invoices/close-screen';
import { StripeSyncScreen } from '../screens/stripe/stripe-sync-screen';
import { BreakdownScreen } from '../screens/breakdown/breakdown-screen';

const TITLES: Record<Route['name'], string> = {
  dashboard: 'Dashboard',
  clients: 'Clients',
  client: 'Client',
  providers: 'Providers',
  provider: 'Provider account',
  unassigned: 'Unassigned usage',
  import: 'Import usage',
  settings: 'Settings',
  plans: 'Plans',
  'plan-new': 'New plan',
  plan: 'Plan',
  'client-statement': 'Statement',
  welcome: 'Welcome',
  'welcome-agency': 'Welcome',
  'welcome-setup': 'Set up',
  alerts: 'Alerts',
  breakdown: 'Breakdown',
  invoices: 'Invoices',
  invoice: 'Invoice',
  'invoice-close': 'Close a period',
  stripe: 'Stripe sync',
  'not-found': 'Not found',
};

export function RouteView({ route }: { route: Route }) {
  const onboardingRoute = route.name === 'welcome' || route.name === 'welcome-agency';
  useEffect(() => {
    // The agency exists: onboarding is over.
    if (onboardingRoute) replaceRoute({ name: 'dashboard' });
  }, [onboardingRoute]);
  useEffect(() => {
    document.title = `${TITLES[route.name]} — Meterbook`;
  }, [route.name]);

  switch (route.name) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'clients':
      return <ClientsScreen />;
    case 'client':
      return <ClientDetailScreen key={route.id} id={route.id} />;
    case 'providers':
      return <ProvidersScreen />;
    case 'provider':
      return <ProviderDetailScreen key={route.id} id={route.id} />;
    case 'unassigned':
      return <UnassignedScreen />;
    case 'import':
      return <ImportScreen key={route.accountId ?? 'none'} initialAccountId={route.accountId} />;
    case 'settings':
      return <SettingsScreen />;
    case 'plans':
      return <PlansScreen />;
    case 'plan-new':
      return <PlanEditorScreen key="new" id={null} />;
    case 'plan':
      return <PlanEditorScreen key={route.id} id={route.id} />;
    case 'client-statement':
      return <ClientStatementScreen key={route.id} id={route.id} period={route.period} />;
    case 'welcome':
    case 'welcome-agency':
    case 'welcome-setup':
      return null;
    case 'alerts':
      return <AlertsScreen />;
    case 'breakdown':
      return <BreakdownScreen period={route.period} />;
    case 'invoices':
      return <InvoicesScreen filters={route.filters} />;
    case 'invoice':
      return <InvoiceDetailScreen key={route.id} id={route.id} />;
    case 'invoice-close':
      return <CloseScreen period={route.period} />;
    case 'stripe':
      return <StripeSyncScreen filter={route.status} />;
    case 'not-found':
      return <NotFoundScreen path={route.path} />;
  }
}
