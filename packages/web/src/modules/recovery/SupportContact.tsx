import { useQuery } from '@apollo/client/react';
import { SupportContactDocument } from './graphql/recoveryRequest.generated';

/** Where technical support is (SUPPORT_CONTACT), or null when the server names none. Asked once a visit. */
export function useSupportContact(): string | null {
  const { data } = useQuery(SupportContactDocument, { fetchPolicy: 'cache-first' });
  return data?.supportContact ?? null;
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
