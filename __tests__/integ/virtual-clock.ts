/** A clock that moves only when the code under test sleeps, so waits take no real time. */
export interface VirtualClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Every pause asked for, in order. */
  readonly sleeps: number[];
}

export function virtualClock(): VirtualClock {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}
