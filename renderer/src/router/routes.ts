// Runs in the renderer (pure). Hash routes: "#/clients", "#/clients/12", "#/providers", "#/settings",
// "#/invoices" (see invoice-routes.ts), "#/stripe" (see stripe-routes.ts), and the onboarding steps "#/welcome",
// "#/welcome/agency".
import { invoiceHref, parseInvoicePath, type InvoiceRoute } from './invoice-routes';
import { parseStripePath, stripeHref, type StripeRoute } from './stripe-routes';

export type Route =
  | { name: 'dashboard' }
  | { name: 'clients' }
  | { name: 'client'; id: number }
  | { name: 'providers' }
  | { name: 'provider'; id: number }
  | { name: 'unassigned' }
  | { name: 'import'; accountId: number | null }
  | { name: 'settings' }
  | { name: 'plans' }
  | { name: 'plan-new' }
  | { name: 'plan'; id: number }
  | { name: 'client-statement'; id: number; period: string | null }
  | { name: 'welcome' }
  | { name: 'welcome-agency' }
  | { name: 'welcome-setup' }
  | { name: 'alerts' }
  | { name: 'breakdown'; period: string | null }
  | InvoiceRoute
  | StripeRoute
  | { name: 'not-found'; path: string };

export const DEFAULT_ROUTE: Route = { name: 'dashboard' };

/** Parses `location.hash`; an empty hash is the default route. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (path === '' || path === '/') return DEFAULT_ROUTE;
  if (/^\/?import(\?|$)/.test(path)) return parseImportRoute(path);
  if (/^\/?invoices(\/|\?|$)/.test(path)) return parseInvoicePath(path) ?? { name: 'not-found', path };
  if (/^\/?stripe(\/|\?|$)/.test(path)) return parseStripePath(path) ?? { name: 'not-found', path };
  const breakdown = /^\/?breakdown(?:\?(.*))?$/.exec(path);
  if (breakdown) return { name: 'breakdown', period: monthPeriod(breakdown[1]) };
  const statement = /^\/?clients\/([1-9]\d{0,15})\/statement(?:\?(.*))?$/.exec(path);
  if (statement) return { name: 'client-statement', id: Number(statement[1]), period: statementPeriod(statement[2]) };
  const parts = path.replace(/^\//, '').split('/');
  const [head, second, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found', path };
  switch (head) {
    case 'dashboard':
      return second === undefined ? { name: 'dashboard' } : { name: 'not-found', path };
    case 'clients':
      if (second === undefined) return { name: 'clients' };
      if (/^[1-9]\d{0,15}$/.test(second)) return { name: 'client', id: Number(second) };
      return { name: 'not-found', path };
    case 'providers':
      if (second !== undefined && /^[1-9]\d{0,15}$/.test(second)) return { name: 'provider', id: Number(second) };
      return second === undefined ? { name: 'providers' } : { name: 'not-found', path };
    case 'settings':
      return second === undefined ? { name: 'settings' } : { name: 'not-found', path };
    case 'plans':
      if (second === undefined) return { name: 'plans' };
      if (second === 'new') return { name: 'plan-new' };
      if (/^[1-9]\d{0,15}$/.test(second)) return { name: 'plan', id: Number(second) };
      return { name: 'not-found', path };
    case 'usage':
      return second === 'unassigned' ? { name: 'unassigned' } : { name: 'not-found', path };
    case 'alerts':
      return second === undefined ? { name: 'alerts' } : { name: 'not-found', path };
    case 'welcome':
      if (second === undefined) return { name: 'welcome' };
      if (second === 'setup') return { name: 'welcome-setup' };
      return second === 'agency' ? { name: 'welcome-agency' } : { name: 'not-found', path };
    default:
      return { name: 'not-found', path };
  }
}

/** The href of a route, for links: `href({ name: 'client', id: 3 })` is "#/clients/3". */
export function href(route: Route): string {
  switch (route.name) {
    case 'dashboard':
      return '#/dashboard';
    case 'clients':
      return '#/clients';
    case 'client':
      return `#/clients/${route.id}`;
    case 'providers':
      return '#/providers';
    case 'provider':
      return `#/providers/${route.id}`;
    case 'unassigned':
      return '#/usage/unassigned';
    case 'import':
      return route.accountId === null ? '#/import' : `#/import?account=${route.accountId}`;
    case 'settings':
      return '#/settings';
    case 'plans':
      return '#/plans';
    case 'plan-new':
      return '#/plans/new';
    case 'plan':
      return `#/plans/${route.id}`;
    case 'client-statement':
      return `#/clients/${route.id}/statement${route.period ? `?period=${route.period}` : ''}`;
    case 'alerts':
      return '#/alerts';
    case 'breakdown':
      return `#/breakdown${route.period ? `?period=${route.period}` : ''}`;
    case 'welcome':
      return '#/welcome';
    case 'welcome-agency':
      return '#/welcome/agency';
    case 'welcome-setup':
      return '#/welcome/setup';
    case 'invoices':
    case 'invoice':
    case 'invoice-close':
      return invoiceHref(route);
    case 'stripe':
      return stripeHref(route);
    case 'not-found':
      return `#${route.path.startsWith('/') ? '' : '/'}${route.path}`;
  }
}

/** The sidebar section a route belongs to (for aria-current). */
export function section(route: Route): 'dashboard' | 'clients' | 'providers' | 'unassigned' | 'import' | 'settings' | 'plans' | 'invoices' | 'stripe' | 'breakdown' | null {
  switch (route.name) {
    case 'dashboard':
      return 'dashboard';
    case 'clients':
    case 'client':
      return 'clients';
    case 'providers':
    case 'provider':
      return 'providers';
    case 'unassigned':
      return 'unassigned';
    case 'import':
      return 'import';
    case 'settings':
      return 'settings';
    case 'plans':
    case 'plan-new':
    case 'plan':
      return 'plans';
    case 'client-statement':
      return 'clients';
    case 'invoices':
    case 'invoice':
    case 'invoice-close':
      return 'invoices';
    case 'stripe':
      return 'stripe';
    case 'breakdown':
      return 'breakdown';
    default:
      return null;
  }
}

/** "#/import?account=3" -> the import wizard with account 3 preselected; a bad or missing account is ignored. */
function parseImportRoute(path: string): Route {
  const [pathname, query = ''] = path.replace(/^\//, '').split('?', 2);
  if (pathname !== 'import') return { name: 'not-found', path };
  const account = new URLSearchParams(query).get('account');
  return { name: 'import', accountId: account !== null && /^[1-9]\d{0,15}$/.test(account) ? Number(account) : null };
}

/** "period=2026-10" -> "2026-10" (or "2026"); anything else -> null: the statement screen picks the current period. */
function statementPeriod(query: string | undefined): string | null {
  const period = new URLSearchParams(query ?? '').get('period');
  return period !== null && /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period) ? period : null;
}

/** "period=2026-10" -> "2026-10"; anything else -> null: the breakdown shows the current month. */
function monthPeriod(query: string | undefined): string | null {
  const period = new URLSearchParams(query ?? '').get('period');
  return period !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? period : null;
}
