/** The only source of "now" on the server. Tests inject a clock they can move. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private time = Date.UTC(2026, 11, 4, 9, 0, 0)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
  set(ms: number): void {
    this.time = ms;
  }
}

/**
 * A clock whose offset can be changed from outside the process by writing a number of
 * milliseconds to a file (`CLOCK_OFFSET_FILE`): how end-to-end tests move a started server's
 * time, e.g. past the 15 minutes of the reset-mail path. Read at most every 100 ms.
 */
export function fileOffsetClock(path: string, read: (p: string) => string | undefined): Clock {
  let offset = 0;
  let checked = 0;
  return {
    now() {
      const real = Date.now();
      if (real - checked > 100) {
        checked = real;
        const text = read(path);
        offset = text === undefined ? 0 : Number(text.trim()) || 0;
      }
      return real + offset;
    },
  };
}
