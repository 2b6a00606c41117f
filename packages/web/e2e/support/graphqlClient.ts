import { postJson } from './postJson';

/**
 * A bare GraphQL client for preparing accounts quickly (register, turn on 2FA) when a browser
 * test is about another screen. It keeps the session cookie like a browser would.
 */
export class GraphQLClient {
  /** Every cookie the API set (the session, the device), by name. */
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const { setCookies, body } = await postJson<{ data?: T; errors?: Array<{ message: string; extensions?: unknown }> }>(
      `${this.baseUrl}/graphql`,
      cookie ? { cookie } : {},
      { query, variables },
    );
    for (const setCookie of setCookies) {
      const [name, ...value] = (setCookie.split(';')[0] ?? '').split('=');
      if (!name) continue;
      if (value.join('=')) this.cookies.set(name.trim(), value.join('='));
      else this.cookies.delete(name.trim());
    }
    if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  }
}
