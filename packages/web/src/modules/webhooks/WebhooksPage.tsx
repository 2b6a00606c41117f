import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { WebhooksDocument } from './graphql/webhooks.generated';
import { CopyButton } from '../../ui/CopyButton';
import { LoadFailed } from '../../ui/LoadFailed';
import { PageHeading } from '../../ui/PageHeading';
import { isAdmin } from '../auth/roles';
import { useSignedInUser } from '../auth/sessionGuards';
import { describeError } from '../errors/describeError';
import { WithOwnTwoFactor } from '../two-factor/components/WithOwnTwoFactor';
import type { ActiveMethod } from '../two-factor/hooks/useTwoFactorSettings';
import { CreateWebhookForm } from './components/CreateWebhookForm';
import { WebhookItem } from './components/WebhookItem';
import { ADMIN_ONLY_WORDS, SECRET_ONCE_WORDS } from './webhookWords';

/** "User Name » Webhooks", for admins: the endpoints security events are sent to, signed. */
export function WebhooksPage() {
  const me = useSignedInUser();
  return (
    <div className="stack webhooks">
      <PageHeading title="Webhooks">Webhooks</PageHeading>
      {isAdmin(me.role) ? (
        <AdminWebhooks />
      ) : (
        <div className="card stack">
          <p>{ADMIN_ONLY_WORDS}</p>
          <p>
            <Link to={PATHS.home}>Home</Link>
          </p>
        </div>
      )}
    </div>
  );
}

function AdminWebhooks() {
  return <WithOwnTwoFactor task="configuring webhooks">{(own) => <Webhooks own={own} />}</WithOwnTwoFactor>;
}

function Webhooks({ own }: { own: ActiveMethod }) {
  const { data, error, refetch } = useQuery(WebhooksDocument, { fetchPolicy: 'cache-and-network' });
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const secretRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (created) secretRef.current?.focus();
  }, [created]);

  const webhooks = data?.webhooks ?? null;
  return (
    <>
      <p>
        Security events are POSTed to each endpoint as they happen, signed with its secret (the Standard Webhooks convention), and retried
        for about a day when the endpoint fails. Creating or deleting one needs a code of your own 2FA.
      </p>
      {created && (
        <div className="attention stack stack--tight" ref={secretRef} tabIndex={-1} role="region" aria-label="Signing secret">
          <p>
            <strong>Webhook to {created.url} created.</strong> {SECRET_ONCE_WORDS}
          </p>
          <p className="webhooks__secret breakable">
            <code>{created.secret}</code>
          </p>
          <div className="actions">
            <CopyButton text={created.secret} label="Copy secret" />
            <button type="button" className="button" onClick={() => setCreated(null)}>
              I have kept it
            </button>
          </div>
        </div>
      )}
      <section className="card stack" aria-labelledby="webhooks-list">
        <h2 id="webhooks-list">Endpoints</h2>
        {error && !data ? (
          <LoadFailed card={false} message={describeError(error).message} onRetry={() => void refetch().catch(() => undefined)} />
        ) : webhooks === null ? (
          <p className="muted">Loading webhooks…</p>
        ) : webhooks.length === 0 ? (
          <p className="muted">No webhooks yet: nothing is sent.</p>
        ) : (
          <ul className="ruled-list" aria-label="Webhooks">
            {webhooks.map((webhook) => (
              <WebhookItem key={webhook.id} webhook={webhook} own={own} />
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <CreateWebhookForm own={own} onCreated={(webhook, secret) => setCreated({ url: webhook.url, secret })} />
      </section>
    </>
  );
}
