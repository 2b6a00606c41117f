import { canonicalEmailAddress, destinationKey } from '../../src/delivery/canonical-destination';

describe('canonical destinations: one mailbox, one count', () => {
  it.each([
    ['Ann+x@Example.com', 'ann@example.com'],
    ['ann@example.com', 'ann@example.com'],
    ['  ANN+billing+2fa@EXAMPLE.COM ', 'ann@example.com'],
    ['john.doe+a@example.com', 'john.doe@example.com'],
    ['J.o.h.n.Doe+news@Gmail.com', 'johndoe@gmail.com'],
    ['john.doe@googlemail.com', 'johndoe@gmail.com'],
  ])('%s counts as %s', (address, canonical) => {
    expect(canonicalEmailAddress(address)).toBe(canonical);
  });

  it('keeps what it cannot shorten safely: a local part that is all tag, or no @ at all', () => {
    expect(canonicalEmailAddress('+tag@example.com')).toBe('+tag@example.com');
    expect(canonicalEmailAddress('...@gmail.com')).toBe('...@gmail.com');
    expect(canonicalEmailAddress('not-an-address')).toBe('not-an-address');
  });

  it('keys the limit store by a fixed-length digest that shows no address', () => {
    const key = destinationKey('ann@example.com');
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).toBe(destinationKey(canonicalEmailAddress('Ann+x@Example.com')));
    expect(key).not.toBe(destinationKey('+4915112345678'));
  });
});
