import { rememberSecret, secretsFoundIn } from './support/secrets-seen';

// The check every test app runs at close: it must find a leaked secret, and only a leaked one.
describe('the secrets-in-logs check', () => {
  rememberSecret('675123');
  rememberSecret('correct horse battery');

  it('finds a code that stands alone in a log line', () => {
    expect(secretsFoundIn('{"msg":"sent","code":"675123"}')).toEqual(['675123']);
    expect(secretsFoundIn('code 675123 sent')).toEqual(['675123']);
  });

  it('does not take six digits inside a longer number or inside hex for a code', () => {
    expect(secretsFoundIn('{"time":1796000675123}')).toEqual([]);
    expect(secretsFoundIn('{"requestId":"3f0c2a9e-1b7d-4c2e-9a61-b675123cd9ef"}')).toEqual([]);
    expect(secretsFoundIn('{"userId":"e675123a-1b7d-4c2e-9a61-0cd9ef3f0c2a"}')).toEqual([]);
  });

  it('finds any other secret anywhere in the text', () => {
    expect(secretsFoundIn('{"err":"bad input correct horse battery!"}')).toEqual(['correct horse battery']);
  });
});
