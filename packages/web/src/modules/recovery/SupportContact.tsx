import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
import { SupportContactDocument } from './graphql/recoveryRequest.generated';

const SupportContactContext = createContext<string | null | undefined>(undefined);

/**
 * Asks the API where technical support is, once for all the screens below it (the signed-in frame,
 * the sign-in code step), rather than once for each mention: Settings for 2FA names support in
 * every method's card, and each query watcher costs the page main-thread time when it mounts and
 * again when the answer comes. Asked once a visit: the answer stays in the cache.
 */
export function SupportContactProvider({ children }: { children: ReactNode }) {
  const { data } = useQuery(SupportContactDocument, { fetchPolicy: 'cache-first' });
  return <SupportContactContext value={data?.supportContact ?? null}>{children}</SupportContactContext>;
}

/** Where technical support is (SUPPORT_CONTACT), or null when the server names none (or until it has said). */
export function useSupportContact(): string | null {
  const contact = useContext(SupportContactContext);
  if (contact === undefined) throw new Error('useSupportContact needs a SupportContactProvider above it');
  return contact;
}

/** An address of support as a link: a web address as is, an e-mail address as mailto:. */
export function supportHref(contact: string): string {
  return /^https?:\/\//i.test(contact) ? contact : `mailto:${contact}`;
}

/**
 * Said after the guide's "contact technical support": how to reach them. Nothing when the server
 * names no contact, so the guide's sentence stands alone as it reads there.
 */
export function SupportContact() {
  const contact = useSupportContact();
  if (!contact) return null;
  return (
    <>
      {' '}
      <span className="support-contact">
        Technical support:{' '}
        <a href={supportHref(contact)} className="breakable">
          {contact}
        </a>
      </span>
    </>
  );
}

/** A line of its own that leads to support (`lead`, then the address), or nothing without a contact. */
export function SupportContactLine({ lead }: { lead: string }) {
  const contact = useSupportContact();
  if (!contact) return null;
  return (
    <p className="muted">
      {lead}{' '}
      <a href={supportHref(contact)} className="breakable">
        {contact}
      </a>
    </p>
  );
}
