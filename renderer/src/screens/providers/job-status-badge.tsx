// Runs in the renderer. The status pill of a sync or import job.
import { Badge } from '../../components/badge';
import { JOB_STATUS, type JobStatus } from './job-model';

export function JobStatusBadge({ status, title }: { status: JobStatus; title?: string | null }) {
  const s = JOB_STATUS[status];
  if (!title) return <Badge tone={s.tone}>{s.label}</Badge>;
  return (
    <span title={title} className="badge-wrap">
      <Badge tone={s.tone}>{s.label}</Badge>
    </span>
  );
}
