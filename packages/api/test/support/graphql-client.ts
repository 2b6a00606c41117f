import { rememberSecret, rememberSecretsIn } from './secrets-seen';

/** A GraphQL-over-HTTP client for tests: plain fetch, optional bearer token or cookie jar. */
export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
  headers: Headers;
}

export class GraphQLClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly endpoint: string,
    private readonly auth: { token?: string; keepCookies?: boolean } = {},
  ) {}

  withToken(token: string): GraphQLClient {
    return new GraphQLClient(this.endpoint, { token });
  }

  /** A client that stores and sends cookies, as a browser does. */
  withCookies(): GraphQLClient {
    return new GraphQLClient(this.endpoint, { keepCookies: true });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Puts a cookie in the jar, as a copy taken from another browser would be. */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async request<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    rememberSecretsIn(variables);
    const response = await this.post<T>(JSON.stringify({ query, variables }), headers);
    rememberSecretsIn(response.data);
    return response;
  }

  async post<T = Record<string, any>>(body: string, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
    const requestHeaders: Record<string, string> = { 'content-type': 'application/json', ...headers };
    if (this.auth.token !== undefined) {
      rememberSecret(this.auth.token);
      requestHeaders.authorization = `Bearer ${this.auth.token}`;
    }
    if (this.cookies.size > 0) {
      requestHeaders.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const response = await fetch(this.endpoint, { method: 'POST', headers: requestHeaders, body });
    if (this.auth.keepCookies) this.storeCookies(response.headers.getSetCookie());
    const text = await response.text();
    let json: { data?: T; errors?: GraphQLResponse['errors'] };
    try {
      json = JSON.parse(text);
    } catch {
      json = { errors: [{ message: text }] };
    }
    return { status: response.status, data: json.data, errors: json.errors, headers: response.headers };
  }

  private storeCookies(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (!name) continue;
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now());
      if (expired || !value) {
        this.cookies.delete(name.trim());
      } else {
        // Cookies carry session and remembered-browser tokens: the logs must never show them.
        rememberSecret(decodeURIComponent(value.trim()));
        this.cookies.set(name.trim(), value.trim());
      }
    }
  }
}

/** The `extensions.code` of the first error, for terse assertions. */
export const errorCode = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
