// Runs in the renderer. A plain anchor to a hash route.
import type { AnchorHTMLAttributes, ReactNode } from 'react';
import { href, type Route } from './routes';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: Route;
  children: ReactNode;
}

export function Link({ to, children, ...rest }: LinkProps) {
  return (
    <a href={href(to)} {...rest}>
      {children}
    </a>
  );
}
