import {
  ERROR_CATALOGUE,
  ERROR_CODES,
  ERROR_REASONS,
  ErrorCode,
  staticMessageOf,
  type CatalogueEntry,
  type ErrorReason,
} from './error-catalogue';

const HEADER =
  '<!-- Generated from packages/api/src/errors/error-catalogue.ts by `pnpm schema` (or `pnpm --filter @latchkey/api errors:doc`). Do not edit; a test fails when it is stale. -->\n';

const INTRO = `# Errors

Every refusal is a GraphQL error in the answer's \`errors\`, with a stable \`extensions.code\` and an
\`extensions.reason\` that names its cause. Choose what to do (and what to tell the user) by \`code\`
and \`reason\`; the \`message\` is English for people and may be reworded in any release. Codes and
reasons are part of the contract ([versioning.md](versioning.md)): new reasons may appear inside a
code, so always handle the code, and treat an unknown reason by its code.

Both are enums of the schema, \`ErrorCode\` and \`ErrorReason\`, so a client typed from the schema
gets them as types; the query \`errorCatalogue\` answers this page's table (reason, code, message,
field, description) to anyone.

\`\`\`json
{
  "errors": [
    {
      "message": "Too many wrong codes. 2FA checks are locked for a while.",
      "path": ["verifyLoginChallenge"],
      "extensions": { "code": "TOO_MANY_ATTEMPTS", "reason": "LOCKED", "retryAfterSeconds": 900 }
    }
  ],
  "data": null
}
\`\`\`

A failed mutation changes nothing: a mutation whose code is refused, whose message could not be
sent or whose limit is reached leaves the account as it was. Most answers come with HTTP 200,
errors included; requests the server could not run at all (bad JSON, an invalid query) answer 400.
`;

const INPUT_PROBLEMS = `## Several input problems at once

Every problem of a request's input is reported at once, in one \`BAD_USER_INPUT\` error: its
\`extensions.fields\` lists each problem as \`{ field, reason, message }\`, in the order of the input,
and \`field\`, \`reason\` and the message are the first one's. A registration with a malformed
address and a short password answers:

\`\`\`json
{
  "message": "Enter a valid e-mail address.",
  "extensions": {
    "code": "BAD_USER_INPUT",
    "reason": "EMAIL_INVALID",
    "field": "email",
    "fields": [
      { "field": "email", "reason": "EMAIL_INVALID", "message": "Enter a valid e-mail address." },
      { "field": "password", "reason": "PASSWORD_LENGTH", "message": "The password must be 8 to 256 characters long." }
    ]
  }
}
\`\`\`

Where a message names numbers (a clock offset, a limit, a length), \`extensions\` carries them too,
under the names the table of reasons gives.
`;

const WAITING = `## Waiting: \`retryAfterSeconds\` and \`Retry-After\`

Every \`TOO_MANY_ATTEMPTS\` carries \`retryAfterSeconds\`, the whole seconds until a retry can pass,
and the HTTP answer carries the same number as a \`Retry-After\` header (the longest, if several
errors ask to wait), so HTTP clients, proxies and retry libraries see it without reading the body:

\`\`\`console
$ curl -si "$API" -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"mutation { resendEnrollmentCode { resendAvailableAt } }"}'
HTTP/1.1 200 OK
Retry-After: 42
…
{"errors":[{"message":"…","extensions":{"code":"TOO_MANY_ATTEMPTS","reason":"RESEND_WAIT","retryAfterSeconds":42}}],"data":null}
\`\`\`

Retrying earlier only meets the same refusal. A restarting server answers HTTP 503 with
\`Retry-After: 1\` and \`SERVICE_UNAVAILABLE\` (reason \`SERVER_STOPPING\`).
`;

/** Markdown table cells hold no pipes or line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function messageCell(reason: ErrorReason): string {
  const fixed = staticMessageOf(reason);
  return fixed === null ? '*(built from the details of each error)*' : cell(`"${fixed}"`);
}

function codesTable(): string {
  const rows = Object.values(ErrorCode).map((code) => {
    const { when, extra, clientDoes } = ERROR_CODES[code];
    return `| \`${code}\` | ${cell(when)} | ${extra ? cell(extra) : '—'} | ${cell(clientDoes)} |`;
  });
  return ['## Codes', '', '| `code` | When | Extra `extensions` | What a client does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function reasonsTable(): string {
  const rows = Object.values(ErrorCode).flatMap((code) =>
    ERROR_REASONS.filter((reason) => ERROR_CATALOGUE[reason].code === code).map((reason) => {
      const entry: CatalogueEntry = ERROR_CATALOGUE[reason];
      const field = entry.field ? `\`${entry.field}\`` : '—';
      return `| \`${code}\` | \`${reason}\` | ${field} | ${cell(entry.description)} | ${messageCell(reason)} |`;
    }),
  );
  return ['## Reasons', '', '| `code` | `reason` | `field` | When | Message |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** docs/errors.md: the catalogue as integrators read it. */
export function renderErrorsDoc(): string {
  return `${[HEADER + INTRO, codesTable(), reasonsTable(), INPUT_PROBLEMS, WAITING].map((part) => part.trim()).join('\n\n')}\n`;
}
