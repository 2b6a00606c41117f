import { generateSync } from 'otplib';

const PERIOD_SECONDS = 30;

/**
 * Stands in for the phone: the codes an authenticator app would show for a TOTP secret. The API
 * accepts each 30-second step's code once, so a second proof in the same step waits for the next.
 */
export class Authenticator {
  private lastStep = -1;

  constructor(private readonly secret: string) {}

  async nextCode(): Promise<string> {
    let now = Math.floor(Date.now() / 1000);
    while (Math.floor(now / PERIOD_SECONDS) <= this.lastStep) {
      await new Promise((resolve) => setTimeout(resolve, ((this.lastStep + 1) * PERIOD_SECONDS - now) * 1000));
      now = Math.floor(Date.now() / 1000);
    }
    this.lastStep = Math.floor(now / PERIOD_SECONDS);
    return generateSync({ secret: this.secret, epoch: now });
  }
}
