// Runs in the renderer.
import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { Link } from '../router/link';

export function NotFoundScreen({ path }: { path: string }) {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title={`There is nothing at “${path}”.`}
        action={
          <Link to={{ name: 'clients' }} className="btn">
            Go to clients
          </Link>
        }
      />
    </>
  );
}
