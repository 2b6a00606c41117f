/** Raw HTTP to /graphql, for tests about what the edge answers before (or instead of) GraphQL. */
import type { TestApp } from './test-app';

export interface RawAnswer {
  status: number;
  contentType: string | null;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
}

/** POSTs a body as given (fetch, no client in between) and reads the answer as text, then JSON. */
export async function post(t: TestApp, body: string | Buffer, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let parsed: RawAnswer['body'];
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), text, body: parsed };
}

export const send = (t: TestApp, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  post(t, JSON.stringify({ query, variables }), headers);

/** A stack trace or a path of this machine in an answer. */
export const INTERNALS = /\bat \S+ \(|node_modules|\/work\/|\/home\/|<html|stacktrace|"stack"/i;
