import { readFileSync } from 'node:fs';
import type { Clock } from './clock';

/**
 * The system clock plus an offset that a file holds (milliseconds, e.g. `259200000` for three
 * days), read at every tick: a browser test writes the file to move the server's time forward
 * without an endpoint anyone could call. Only TEST_CLOCK_FILE makes one, and production refuses it.
 * A missing or empty file means no offset; anything else that is not a whole number is an error,
 * so a typo in a test fails loudly instead of silently leaving time where it was.
 */
export class OffsetFileClock implements Clock {
  constructor(private readonly file: string) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs());
  }

  offsetMs(): number {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    if (text === '') return 0;
    if (!/^-?\d+$/.test(text))
      throw new Error(`TEST_CLOCK_FILE ${this.file} holds "${text.slice(0, 40)}", not a whole number of milliseconds`);
    return Number(text);
  }
}
