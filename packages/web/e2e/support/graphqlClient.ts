/**
 * A bare GraphQL client for preparing accounts quickly (register, turn on 2FA) when a browser
 * test is about another screen. It keeps the session cookie like a browser would.
 */
export class GraphQLClient {
  private cookie: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: unknown }> };
    if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  }
}
