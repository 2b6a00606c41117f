import { useLazyQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { UsersDocument, type UserSummaryFieldsFragment } from './graphql/support.generated';
import { FormAlert } from '../../ui/FormAlert';
import { StatusMessage } from '../../ui/StatusMessage';
import { TextField } from '../../ui/TextField';
import { describeError } from '../errors/describeError';
import './accountSearch.css';

/** Accounts a search shows at first, and again at each "Show more accounts". */
const SEARCH_PAGE = 20;

export type AccountSummary = UserSummaryFieldsFragment;

interface AccountSearchProps {
  /** The search form's accessible name. */
  label: string;
  /** The submit button's words ("Search", "Find accounts"). */
  submitWords: string;
  /** The page's main action gets the primary button; a section among others, a plain one. */
  primary?: boolean;
  /** What a found account shows after its address (role, 2FA). */
  describe: (account: AccountSummary) => ReactNode;
  /** What the page shows of the account chosen in the list. */
  children: (chosen: AccountSummary) => ReactNode;
}

/**
 * Staff find an account by part of its e-mail address (support's reset page, the administrators'
 * roles): the search, the accounts found (the newest first, more on demand) and the one chosen.
 */
export function AccountSearch({ label, submitWords, primary = false, describe, children }: AccountSearchProps) {
  const [text, setText] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [search, { data, loading, fetchMore }] = useLazyQuery(UsersDocument, { fetchPolicy: 'network-only' });
  const [loadingMore, setLoadingMore] = useState(false);
  const alertId = useId();
  const found = data?.users.edges.map((edge) => edge.node) ?? null;
  const more = data?.users.pageInfo.hasNextPage ?? false;
  const chosen = found?.find((account) => account.id === chosenId) ?? null;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = text.trim();
    if (!query) {
      setProblem('Enter part of an e-mail address.');
      return;
    }
    setProblem(null);
    setChosenId(null);
    try {
      await search({ variables: { search: query, first: SEARCH_PAGE } });
      setSearched(query);
    } catch (error) {
      setSearched(null);
      setProblem(describeError(error).message);
    }
  }

  async function showMore() {
    if (loadingMore || !data) return;
    setLoadingMore(true);
    setProblem(null);
    try {
      await fetchMore({ variables: { after: data.users.pageInfo.endCursor } });
    } catch (error) {
      setProblem(describeError(error).message);
    }
    setLoadingMore(false);
  }

  return (
    <>
      <form className="stack" role="search" aria-label={label} noValidate onSubmit={handleSubmit} aria-busy={loading}>
        <TextField
          label="E-mail address or part of it"
          name="query"
          type="search"
          autoComplete="off"
          value={text}
          onChange={(event) => setText(event.target.value)}
          errorId={problem ? alertId : undefined}
        />
        <FormAlert id={alertId} message={problem} />
        <div className="actions">
          <button type="submit" className={primary ? 'button button--primary' : 'button'} aria-disabled={loading}>
            {loading ? 'Searching…' : submitWords}
          </button>
        </div>
      </form>
      <StatusMessage message={found && searched !== null ? foundWords(found.length, searched, more) : null} />
      {found && found.length > 0 && (
        <ul className="ruled-list ruled-list--framed" aria-label="Accounts found">
          {found.map((account) => (
            <li key={account.id} className="account-search__result">
              <button
                type="button"
                className="link-button breakable"
                aria-pressed={account.id === chosenId}
                onClick={() => setChosenId(account.id)}
              >
                {account.email}
              </button>
              <span className="muted">{describe(account)}</span>
            </li>
          ))}
        </ul>
      )}
      {more && (
        <div className="actions">
          <button type="button" className="button" aria-disabled={loadingMore} onClick={() => void showMore()}>
            {loadingMore ? 'Loading…' : 'Show more accounts'}
          </button>
        </div>
      )}
      {chosen && children(chosen)}
    </>
  );
}

function foundWords(count: number, searched: string, more: boolean): string {
  if (count === 0) return `No account’s e-mail address contains “${searched}”.`;
  if (more) return `${count === 1 ? 'The newest account found is' : `The ${count} newest accounts found are`} shown; there are more.`;
  return `${count} account${count === 1 ? '' : 's'} found.`;
}
