// Runs in the renderer (pure). Hash routes: "#/clients", "#/clients/12", "#/providers", "#/settings",
// and the onboarding steps "#/welcome", "#/welcome/agency".

export type Route =
  | { name: 'clients' }
  | { name: 'client'; id: number }
  | { name: 'providers' }
  | { name: 'settings' }
  | { name: 'welcome' }
  | { name: 'welcome-agency' }
  | { name: 'not-found'; path: string };

export const DEFAULT_ROUTE: Route = { name: 'clients' };

/** Parses `location.hash`; an empty hash is the default route. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (path === '' || path === '/') return DEFAULT_ROUTE;
  const parts = path.replace(/^\//, '').split('/');
  const [head, second, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found', path };
  switch (head) {
    case 'clients':
      if (second === undefined) return { name: 'clients' };
      if (/^[1-9]\d{0,15}$/.test(second)) return { name: 'client', id: Number(second) };
      return { name: 'not-found', path };
    case 'providers':
      return second === undefined ? { name: 'providers' } : { name: 'not-found', path };
    case 'settings':
      return second === undefined ? { name: 'settings' } : { name: 'not-found', path };
    case 'welcome':
      if (second === undefined) return { name: 'welcome' };
      return second === 'agency' ? { name: 'welcome-agency' } : { name: 'not-found', path };
    default:
      return { name: 'not-found', path };
  }
}

/** The href of a route, for links: `href({ name: 'client', id: 3 })` is "#/clients/3". */
export function href(route: Route): string {
  switch (route.name) {
    case 'clients':
      return '#/clients';
    case 'client':
      return `#/clients/${route.id}`;
    case 'providers':
      return '#/providers';
    case 'settings':
      return '#/settings';
    case 'welcome':
      return '#/welcome';
    case 'welcome-agency':
      return '#/welcome/agency';
    case 'not-found':
      return `#${route.path.startsWith('/') ? '' : '/'}${route.path}`;
  }
}

/** The sidebar section a route belongs to (for aria-current). */
export function section(route: Route): 'clients' | 'providers' | 'settings' | null {
  switch (route.name) {
    case 'clients':
    case 'client':
      return 'clients';
    case 'providers':
      return 'providers';
    case 'settings':
      return 'settings';
    default:
      return null;
  }
}
