/** A page that is still loading its code: says so, in the place the page will fill. */
export function PageLoading() {
  return (
    <div className="page-loading" aria-busy="true">
      <p role="status" className="muted">
        Loading…
      </p>
    </div>
  );
}
