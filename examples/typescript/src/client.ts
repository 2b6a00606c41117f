import type { ErrorCode, ErrorReason, TypedDocumentString } from './generated/graphql';

/**
 * What the API puts in `extensions`: clients decide by `code` and `reason`, never by the message.
 * Both are enums of the schema; a newer server may send a reason this build does not know, so
 * always handle the code.
 */
export interface LatchkeyErrorExtensions {
  code?: ErrorCode;
  reason?: ErrorReason;
  field?: string;
  /** Every input problem of the request, the first being `field`'s. */
  fields?: Array<{ field: string | null; reason: ErrorReason; message: string }>;
  retryAfterSeconds?: number;
}

export interface LatchkeyErrorEntry {
  message: string;
  path?: Array<string | number>;
  extensions?: LatchkeyErrorExtensions;
}

/** An answer with errors. `code` and `reason` are the first error's (one failure stops a mutation). */
export class LatchkeyError extends Error {
  constructor(
    readonly errors: LatchkeyErrorEntry[],
    readonly httpStatus: number,
  ) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
    this.name = 'LatchkeyError';
  }

  get code(): ErrorCode | undefined {
    return this.errors[0]?.extensions?.code;
  }

  get reason(): ErrorReason | undefined {
    return this.errors[0]?.extensions?.reason;
  }
}

// An operation without variables may be called without them; one with required variables may not.
type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/**
 * GraphQL over HTTP with plain fetch: `POST /graphql`, JSON, and the session token as a bearer
 * token. Typed by the operations that `pnpm codegen` generates from the schema.
 */
export class LatchkeyClient {
  constructor(
    readonly endpoint: string,
    private readonly token?: string,
  ) {}

  /** The same API, as the holder of this session token. */
  withToken(token: string): LatchkeyClient {
    return new LatchkeyClient(this.endpoint, token);
  }

  async request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: VariablesArgument<TVariables>
  ): Promise<TResult> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
    const answer = (await response.json()) as { data?: TResult | null; errors?: LatchkeyErrorEntry[] };
    if (answer.errors?.length) throw new LatchkeyError(answer.errors, response.status);
    if (!response.ok || answer.data === undefined || answer.data === null) {
      throw new LatchkeyError([{ message: `HTTP ${response.status} without data` }], response.status);
    }
    return answer.data;
  }
}
