import { SERVER_NAMES, type ServerName } from './servers';

/** How the rounds load the servers: `pnpm bench` and `pnpm bench:compare` alike. */
export interface LoadOptions {
  /** Seconds of load per measured round of each server and scenario. */
  seconds: number;
  /** Rounds; each gives every server each scenario once, servers in turn. */
  rounds: number;
  connections: number;
  /** Unmeasured load before each server's first round of a scenario (JIT, caches). */
  warmup: number;
}

/** `pnpm bench` options; every one has a default fit for the full run. */
export interface Options extends LoadOptions {
  skipScale: boolean;
  skipLighthouse: boolean;
  /** Write a CPU profile of Latchkey under the whole load (bench/profiles/). */
  profile: boolean;
  /** The user counts of the PostgreSQL scale run. */
  scaleUsers: number[];
}

export const USAGE = `pnpm bench [-- options]
  --seconds N        seconds of load per measured round (default 8)
  --rounds N         alternating rounds (default 3)
  --connections N    concurrent connections (default 50)
  --warmup N         unmeasured seconds before each server's first round (default 2)
  --skip-scale       no PostgreSQL run
  --skip-lighthouse  no Lighthouse run on the panel
  --profile          write a CPU profile of Latchkey under load to bench/profiles/
  --scale-users A,B  user counts of the PostgreSQL run (default 1000,1000000)`;

const DEFAULTS: Options = {
  seconds: 8,
  rounds: 3,
  connections: 50,
  warmup: 2,
  skipScale: false,
  skipLighthouse: false,
  profile: false,
  scaleUsers: [1_000, 1_000_000],
};

export class UsageError extends Error {}

/** A whole-number option of at least `min`, or a usage error naming it. */
export function positive(name: string, value: string | undefined, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} needs a whole number of at least ${min} (got ${value ?? 'nothing'})`);
  return n;
}

/**
 * Walks the command's arguments: the load options go into `options`, every other one to `other`
 * with the word after it, which answers how many words it took as its value (0 or 1).
 */
export function readArguments(argv: string[], options: LoadOptions, other: (arg: string, value: string | undefined) => 0 | 1): void {
  // pnpm passes a `--` through to the script: it separates nothing here.
  const args = argv.filter((arg) => arg !== '--');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    switch (arg) {
      case '--seconds':
        options.seconds = positive(arg, value);
        i++;
        break;
      case '--rounds':
        options.rounds = positive(arg, value);
        i++;
        break;
      case '--connections':
        options.connections = positive(arg, value);
        i++;
        break;
      case '--warmup':
        options.warmup = positive(arg, value, 0);
        i++;
        break;
      default:
        i += other(arg, value);
    }
  }
}

/** The request and the server a tool that looks at one request reads (`--scenario S1|S2`, `--server NAME`). */
export interface OneRequestOptions {
  scenario: 'S1' | 'S2';
  server: ServerName;
}

/** Reads `--scenario` or `--server` into `options`; false for any other option. */
export function readOneRequestOption(arg: string, value: string | undefined, options: OneRequestOptions): boolean {
  switch (arg) {
    case '--scenario':
      if (value !== 'S1' && value !== 'S2') throw new UsageError(`${arg}: S1 or S2 (S3 is argon2's work, the same in any build)`);
      options.scenario = value;
      return true;
    case '--server':
      if (!(SERVER_NAMES as readonly string[]).includes(value ?? '')) throw new UsageError(`${arg}: one of ${SERVER_NAMES.join(', ')}`);
      options.server = value as ServerName;
      return true;
    default:
      return false;
  }
}

/** The options `parse` reads, or the usage printed with what was wrong, and exit code 2. */
export function optionsOrExit<T>(parse: () => T, usage: string): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      process.exit(2);
    }
    throw error;
  }
}

export function parseOptions(argv: string[]): Options {
  const options = { ...DEFAULTS };
  readArguments(argv, options, (arg, value) => {
    switch (arg) {
      case '--skip-scale':
        options.skipScale = true;
        return 0;
      case '--skip-lighthouse':
        options.skipLighthouse = true;
        return 0;
      case '--profile':
        options.profile = true;
        return 0;
      case '--scale-users':
        options.scaleUsers = (value ?? '').split(',').map((n) => positive(arg, n));
        return 1;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  });
  return options;
}
