// Runs in the renderer. What a screen shows when there is nothing to list, and what to do about it.
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  /** heading level inside the page */
  level?: 2 | 3;
}

export function EmptyState({ title, children, action, level = 2 }: EmptyStateProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="empty-state">
      <svg className="empty-state-icon" width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
        <rect x="6" y="9" width="28" height="22" rx="4" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M6 16h28M13 23h8M13 27h5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <Heading className="empty-state-title">{title}</Heading>
      {children ? <div className="empty-state-text">{children}</div> : null}
      {action ? <div className="empty-state-action">{action}</div> : null}
    </div>
  );
}
