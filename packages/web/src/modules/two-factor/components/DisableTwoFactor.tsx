import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { DisableTwoFactorDocument } from '../graphql/twoFactor.generated';
import { attempt } from '../../errors/attempt';
import type { ActiveMethod } from '../hooks/useTwoFactorSettings';
import { ProofForm } from './ProofForm';

interface DisableTwoFactorProps {
  active: ActiveMethod;
  /** Called with the API's message ("Your 2FA settings have been successfully deleted."). */
  onDisabled: (message: string) => void;
}

/** The guide's Disable 2FA button; it asks for a fresh proof before anything changes. */
export function DisableTwoFactor({ active, onDisabled }: DisableTwoFactorProps) {
  const [open, setOpen] = useState(false);
  const [disable] = useMutation(DisableTwoFactorDocument);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) headingRef.current?.focus();
    else if (wasOpen.current) toggleRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (!open) {
    return (
      <button ref={toggleRef} type="button" className="button button--danger" onClick={() => setOpen(true)}>
        Disable 2FA
      </button>
    );
  }

  return (
    <section className="method__panel stack" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Disable 2FA
      </h3>
      <ProofForm
        active={active}
        submitLabel="Disable 2FA"
        pendingLabel="Disabling…"
        danger
        onCancel={() => setOpen(false)}
        onSubmit={async (code) => {
          const outcome = await attempt(async () => (await disable({ variables: { code } })).data?.disableTwoFactor, 'proof');
          if (!outcome.ok) return outcome.error;
          onDisabled(outcome.value.message);
          return null;
        }}
      >
        <p>After this, your password alone opens your account, and your recovery codes stop working.</p>
      </ProofForm>
    </section>
  );
}
