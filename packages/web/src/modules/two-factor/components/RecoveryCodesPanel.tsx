import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { RegenerateRecoveryCodesDocument } from '../graphql/twoFactor.generated';
import { attempt } from '../../errors/attempt';
import type { ActiveMethod } from '../hooks/useTwoFactorSettings';
import { ProofForm } from './ProofForm';
import { RecoveryCodes } from './RecoveryCodes';

type View = { kind: 'summary' } | { kind: 'proof' } | { kind: 'codes'; codes: string[] };

interface RecoveryCodesPanelProps {
  active: ActiveMethod;
  remaining: number;
  /** Counts requests from elsewhere on the page (few codes left) to open "Get new recovery codes". */
  openRequests?: number;
}

/** How many recovery codes are left, and new ones (after a proof) that replace them all. */
export function RecoveryCodesPanel({ active, remaining, openRequests = 0 }: RecoveryCodesPanelProps) {
  const [view, setView] = useState<View>({ kind: 'summary' });
  // A request from elsewhere opens the proof, adjusted while rendering so it shows at once.
  const [seenRequests, setSeenRequests] = useState(openRequests);
  if (openRequests !== seenRequests) {
    setSeenRequests(openRequests);
    if (view.kind !== 'proof') setView({ kind: 'proof' });
  }
  const [regenerate] = useMutation(RegenerateRecoveryCodesDocument);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstView = useRef(true);

  // Each change of view replaces the controls the focus was on: start again at the heading.
  useEffect(() => {
    if (firstView.current) firstView.current = false;
    else headingRef.current?.focus();
  }, [view.kind]);

  // Asked for from elsewhere on the page: bring the user here, whatever the view was.
  useEffect(() => {
    if (openRequests > 0) headingRef.current?.focus();
  }, [openRequests]);

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Recovery codes
      </h2>
      {view.kind === 'codes' ? (
        <>
          <p role="status">New recovery codes are ready. The old ones no longer work.</p>
          <RecoveryCodes codes={view.codes} />
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => setView({ kind: 'summary' })}>
              Done
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            {remaining === 1 ? '1 recovery code is' : `${remaining} recovery codes are`} left. Each one lets you sign in once if you lose
            your phone, mailbox or number.
          </p>
          {view.kind === 'summary' ? (
            <div className="actions">
              <button type="button" className="button" onClick={() => setView({ kind: 'proof' })}>
                Get new recovery codes
              </button>
            </div>
          ) : (
            <ProofForm
              active={active}
              submitLabel="Get new recovery codes"
              pendingLabel="Creating codes…"
              onCancel={() => setView({ kind: 'summary' })}
              onSubmit={async (code) => {
                const outcome = await attempt(
                  async () => (await regenerate({ variables: { code } })).data?.regenerateRecoveryCodes,
                  'proof',
                );
                if (!outcome.ok) return outcome.error;
                setView({ kind: 'codes', codes: outcome.value.recoveryCodes });
                return null;
              }}
            >
              <p>New codes replace all of your current ones, which stop working.</p>
            </ProofForm>
          )}
        </>
      )}
    </section>
  );
}
