import { Link } from 'react-router';
import { PATHS } from '../../app/paths';
import { PageHeading } from '../../ui/PageHeading';
import { AuthLayout } from './AuthLayout';
import { CredentialsForm } from './CredentialsForm';
import { useRegister } from './useRegister';

export function RegisterPage() {
  const { register } = useRegister();
  return (
    <AuthLayout>
      <PageHeading title="Create account">Create your account</PageHeading>
      <CredentialsForm purpose="register" submitLabel="Create account" pendingLabel="Creating account…" onSubmit={register} />
      <p className="auth-layout__switch">
        Already have an account? <Link to={PATHS.signIn}>Sign in</Link>
      </p>
    </AuthLayout>
  );
}
