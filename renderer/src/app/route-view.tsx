// Runs in the renderer. Route -> screen, and the document title.
import { useEffect } from 'react';
import { replaceRoute } from '../router/use-route';
import type { Route } from '../router/routes';
import { ClientDetailScreen } from '../screens/clients/client-detail-screen';
import { ClientsScreen } from '../screens/clients/clients-screen';
import { NotFoundScreen } from '../screens/not-found-screen';
import { ProvidersScreen } from '../screens/providers/providers-screen';
import { SettingsScreen } from '../screens/settings/settings-screen';

const TITLES: Record<Route['name'], string> = {
  clients: 'Clients',
  client: 'Client',
  providers: 'Providers',
  settings: 'Settings',
  welcome: 'Welcome',
  'welcome-agency': 'Welcome',
  'not-found': 'Not found',
};

export function RouteView({ route }: { route: Route }) {
  const onboardingRoute = route.name === 'welcome' || route.name === 'welcome-agency';
  useEffect(() => {
    // The agency exists: onboarding is over.
    if (onboardingRoute) replaceRoute({ name: 'clients' });
  }, [onboardingRoute]);
  useEffect(() => {
    document.title = `${TITLES[route.name]} — Meterbook`;
  }, [route.name]);

  switch (route.name) {
    case 'clients':
      return <ClientsScreen />;
    case 'client':
      return <ClientDetailScreen key={route.id} id={route.id} />;
    case 'providers':
      return <ProvidersScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'welcome':
    case 'welcome-agency':
      return null;
    case 'not-found':
      return <NotFoundScreen path={route.path} />;
  }
}
