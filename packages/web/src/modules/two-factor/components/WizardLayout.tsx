import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PATHS } from '../../../app/paths';
import type { TwoFactorMethod } from '../../../generated/graphql';
import { Attention } from '../../../ui/Attention';
import { PageHeading } from '../../../ui/PageHeading';
import { METHODS } from '../methods';
import { SupportContact } from '../../recovery/SupportContact';

/** The frame of each set-up: the way back, the title, the steps, and the method's Attention note. */
export function WizardLayout({ method, children }: { method: TwoFactorMethod; children: ReactNode }) {
  const { name, warning } = METHODS[method];
  return (
    <div className="stack wizard">
      <p className="wizard__back">
        <Link to={PATHS.twoFactorSettings}>
          <span aria-hidden="true">← </span>Settings for 2FA
        </Link>
      </p>
      <PageHeading title={`Enable ${name}`}>Enable {name}</PageHeading>
      {children}
      <Attention>
        {warning}
        <SupportContact />
      </Attention>
    </div>
  );
}

/** A wizard opened (by its address) for a method this server does not offer. */
export function MethodNotOffered() {
  return (
    <div className="card stack">
      <p role="alert">This 2FA method is not available here.</p>
      <p>
        <Link to={PATHS.twoFactorSettings}>Choose another method in Settings for 2FA</Link>
      </p>
    </div>
  );
}

/** What a wizard shows while the settings it starts from load, or when they cannot. */
export function WizardLoading() {
  return (
    <div className="card wizard__placeholder" aria-busy="true">
      <p role="status" className="muted">
        Loading…
      </p>
    </div>
  );
}
