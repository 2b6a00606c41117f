import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings the server runs with, set at start-up before any request. A flag an operator gives
 * node on its command line (with dashes or underscores, or its `--no-` form) is kept.
 */
const FLAGS: { name: string; value: string }[] = [
  {
    // Lets the old generation grow to twice what the last full collection left, no more. V8 picks
    // that factor from how the process behaved lately, up to four: after a spell of slow requests
    // (sign-ins waiting on argon2) it let the heap reach 170 MB with 40 MB live before it
    // collected. The live heap is small, since the data is in the database, so collecting at
    // twice that costs no measurable time and keeps some 85 MB less resident under load. V8 reads
    // the factor each time it sets the next limit.
    name: 'heap-growing-percent',
    value: '--heap-growing-percent=100',
  },
  {
    // Every object starts young. By default V8 allocates straight into the old generation at
    // code sites whose objects lived long: sign-ins hold their request's objects for the second
    // argon2 takes, so after a wave of sign-ins it did so for the fast requests that share that
    // code. Their garbage, and its pointers to young objects, made each young-generation
    // collection three times as long, and a settings read about a quarter dearer.
    name: 'allocation-site-pretenuring',
    value: '--no-allocation-site-pretenuring',
  },
];

const givenByOperator = (name: string) => {
  const pattern = new RegExp(`^--(no[-_])?${name.replace(/-/g, '[-_]')}\\b`);
  return process.execArgv.some((arg) => pattern.test(arg));
};

for (const flag of FLAGS) {
  if (!givenByOperator(flag.name)) setFlagsFromString(flag.value);
}
