// Runs in the renderer. The versions of a plan: when each was made, whether it is in use (immutable), by how
// many subscriptions; older versions open read-only in the editor.
import type { PlanVersionInfo } from '../../../../shared/domain/pricing';
import { Badge } from '../../components/badge';
import { formatDate, formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';

export interface PlanVersionsProps {
  versions: readonly PlanVersionInfo[];
  latestVersion: number;
  /** the version open read-only, or null for the editable latest one */
  viewing: number | null;
  locale: string;
  timeZone: string;
  onView: (version: number | null) => void;
}

export function PlanVersions({ versions, latestVersion, viewing, locale, timeZone, onView }: PlanVersionsProps) {
  const rows = [...versions].sort((a, b) => b.version - a.version);
  return (
    <section className="card" aria-labelledby="versions-title">
      <div className="card-header">
        <h2 id="versions-title" className="card-title">
          Version history
        </h2>
        <span className="card-meta">A version used by a subscription or an invoice never changes</span>
      </div>
      <div className="card-body card-body-flush">
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Version history">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Created</th>
                <th scope="col">In use</th>
                <th scope="col" className="num">
                  Subscriptions
                </th>
                <th scope="col" className="num">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => {
                const latest = v.version === latestVersion;
                const open = latest ? viewing === null : viewing === v.version;
                return (
                  <tr key={v.id} className={open ? 'row-current' : undefined} aria-current={open ? 'true' : undefined}>
                    <td>
                      <span className="cell-with-badge">
                        <span className="row-title">Version {v.version}</span>
                        {latest ? <Badge tone="info">Latest</Badge> : null}
                      </span>
                    </td>
                    <td>
                      <span title={formatDateTime(v.createdAt, locale, timeZone)}>{formatDate(v.createdAt, locale, timeZone)}</span>
                    </td>
                    <td>{v.inUse ? <Badge tone="success">In use</Badge> : <span className="muted">Not used</span>}</td>
                    <td className="num">{formatCount(v.subscriptions, locale)}</td>
                    <td className="num">
                      {open ? (
                        <span className="muted">{latest ? 'Editing' : 'Viewing'}</span>
                      ) : (
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={latest ? 'Edit the latest version' : `View version ${v.version}`}
                          onClick={() => onView(latest ? null : v.version)}
                        >
                          {latest ? 'Edit' : 'View'}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
