// Runs in the renderer. The h1 of a screen, with optional description and actions on the right.
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** badges and the like after the title */
  meta?: ReactNode;
  before?: ReactNode;
}

export function PageHeader({ title, description, actions, meta, before }: PageHeaderProps) {
  return (
    <div className="page-header">
      {before}
      <div className="page-header-row">
        <div className="page-header-titles">
          <div className="page-title-row">
            <h1 className="page-title">{title}</h1>
            {meta}
          </div>
          {description ? <p className="page-description">{description}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
    </div>
  );
}
