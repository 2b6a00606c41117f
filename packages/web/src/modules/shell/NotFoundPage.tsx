import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { PageHeading } from '../../ui/PageHeading';

export function NotFoundPage() {
  return (
    <div className="stack">
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p>There is no page at this address.</p>
      <p>
        <Link to={PATHS.home}>Go to the start page</Link>
      </p>
    </div>
  );
}
