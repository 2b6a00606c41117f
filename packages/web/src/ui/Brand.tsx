/** The product's name with its mark (the favicon, a keyhole): in the header and above the sign-in card. */
export function Brand() {
  return (
    <>
      {/* Decorative: the name beside it says it all. The same file index.html shows before the script runs. */}
      <img className="brand__mark" src="/favicon.svg" alt="" width={28} height={28} />
      HostKey
    </>
  );
}
