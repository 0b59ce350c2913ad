import { defineConfig } from 'vitest/config';

/**
 * Files that assert on timing a busy machine distorts — the sliding-window rate a server sees, a
 * latency-based estimate, a signal sent at a moment: they run one at a time, after the rest.
 */
const TIMED = [
  'test/e2e/hybrid.test.ts',
  'test/e2e/shared-limiter.test.ts',
  'test/e2e/terminal.test.ts',
  'test/e2e/plan-and-profiles.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: TIMED,
          // The end-to-end files mostly wait on loopback servers, emulated latency and rate limits,
          // not on the CPU: one worker (vitest's default on 2 cores) ran the suite in 12.9 min, three
          // in 4.8-5.8 min. Four were no faster on a loaded machine, and the emulators, which serve
          // from the test's own process, then answered late enough to trip the rate and pause tests.
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'timed',
          include: TIMED,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
