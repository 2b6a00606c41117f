import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { RemoveSecurityKeyDocument } from '../graphql/twoFactor.generated';
import { attempt } from '../../errors/attempt';
import type { ActiveMethod, TwoFactorSettings } from '../hooks/useTwoFactorSettings';
import { ProofForm } from './ProofForm';

interface SecurityKeysProps {
  keys: TwoFactorSettings['securityKeys'];
  active: ActiveMethod;
  onAdd: () => void;
  onOutcome: (words: string) => void;
}

/** The registered keys, each removable with a fresh proof (never the last one), and a way to add another. */
export function SecurityKeys({ keys, active, onAdd, onOutcome }: SecurityKeysProps) {
  const [removing, setRemoving] = useState<string | null>(null);
  const [remove] = useMutation(RemoveSecurityKeyDocument);
  const target = keys.find((key) => key.id === removing) ?? null;

  return (
    <div className="stack stack--tight">
      <p>Registered keys:</p>
      <ul aria-label="Security keys" className="stack stack--tight">
        {keys.map((key) => (
          <li key={key.id} className="actions">
            <span className="breakable">{key.name}</span>
            {keys.length > 1 && (
              <button type="button" className="button" aria-label={`Remove ${key.name}`} onClick={() => setRemoving(key.id)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {target ? (
        <ProofForm
          active={active}
          submitLabel="Remove the key"
          pendingLabel="Removing…"
          danger
          onCancel={() => setRemoving(null)}
          onSubmit={async (proof) => {
            const outcome = await attempt(
              async () => (await remove({ variables: { id: target.id, proof } })).data?.removeSecurityKey,
              'proof',
            );
            if (!outcome.ok) return outcome.error;
            setRemoving(null);
            onOutcome(`The security key ${target.name} was removed.`);
            return null;
          }}
        >
          <p>Confirm with another key, or a recovery code, to remove {target.name}.</p>
        </ProofForm>
      ) : (
        <p>
          <button type="button" className="button" onClick={onAdd}>
            Add another key
          </button>
        </p>
      )}
    </div>
  );
}
