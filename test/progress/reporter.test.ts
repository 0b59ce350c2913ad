import { describe, expect, it } from 'vitest';
import { createReporter, isInteractive, plainReporter, quietReporter, type ProgressSnapshot } from '../../src/progress/reporter.js';
import type { Summary } from '../../src/progress/summary.js';
import { fakeTerminal } from './terminal.js';

const info = { profile: 'artsy', endpoint: 'artists', strategy: 'sequential', output: 'artists.csv' };
const summary: Summary = {
  profile: 'artsy', endpoint: 'artists', status: 'complete', records: 600_000, pages: 6000, requests: 6000, seconds: 60,
  recordsPerSecond: 1000, retries: 0, throttled: 0, waitedSeconds: 0, output: 'artists.csv', bytes: 1024, resumed: false, reasons: [],
};
const incomplete: Summary = { ...summary, status: 'incomplete', reasons: ['offset cap 10000 reached'] };

/** 100 pages a second of 10 records each, for `seconds`, timed by the snapshots. */
function pages(seconds: number, total?: number): ProgressSnapshot[] {
  return Array.from({ length: seconds * 100 }, (_, i) => ({
    records: (i + 1) * 10, pages: i + 1, total, retries: 0, throttled: 0, waitedMs: 0, elapsedMs: (i + 1) * 10,
  }));
}

function drive(reporter: ReturnType<typeof plainReporter>, seconds: number, total?: number) {
  reporter.start(info);
  for (const snapshot of pages(seconds, total)) reporter.page(snapshot);
  reporter.warn('offset cap 10000 reached');
  reporter.log('retry 1 after HTTP 503, waiting 0.5 s');
}

describe('plainReporter', () => {
  it('prints one line per interval and no ANSI codes', () => {
    const terminal = fakeTerminal();
    const reporter = plainReporter({ stderr: terminal.stream, verbose: false });
    drive(reporter, 60, 600_000);
    reporter.finish(summary);
    const output = terminal.output();
    expect(output).not.toMatch(/\x1b\[/);
    const progress = output.split('\n').filter((line) => line.includes('records/s,'));
    expect(progress, output).toHaveLength(5);
    expect(progress[0]).toBe('paginate: 10010/600000 records (1.6%), 1000 records/s, ETA 9m50s, 0 × 429 (0.0 s waited), 0 retries, 1001 pages');
    expect(output).toContain('paginate: warning: offset cap 10000 reached\n');
    expect(output).not.toContain('retry 1');
    expect(output.trimEnd().split('\n').at(-1)).toMatch(/^paginate: artsy artists: 600000 records, .*; complete$/);
  });

  it('adds the start line and retries with --verbose', () => {
    const terminal = fakeTerminal();
    drive(plainReporter({ stderr: terminal.stream, verbose: true }), 1);
    expect(terminal.output()).toBe(
      'paginate: exporting artsy artists (sequential) → artists.csv\n' +
        'paginate: warning: offset cap 10000 reached\n' +
        'paginate: retry 1 after HTTP 503, waiting 0.5 s\n',
    );
  });
});

describe('quietReporter', () => {
  it('prints nothing but the summary of an export that may be incomplete', () => {
    const terminal = fakeTerminal();
    const reporter = quietReporter(terminal.stream);
    drive(reporter, 30, 600_000);
    reporter.finish(summary);
    expect(terminal.output()).toBe('');
    reporter.finish(incomplete);
    expect(terminal.output()).toMatch(/^paginate: artsy artists: .*POSSIBLY INCOMPLETE: offset cap 10000 reached\n$/);
  });
});

describe('createReporter', () => {
  const env = { TERM: 'xterm-256color' };

  it('draws on a terminal, and writes plain lines elsewhere', async () => {
    const terminal = fakeTerminal();
    const tty = await createReporter({ stderr: terminal.stream, quiet: false, verbose: false, env });
    tty.start(info);
    tty.close();
    expect(terminal.output()).toContain('waiting for the first page');

    const file = fakeTerminal();
    const plain = await createReporter({ stderr: file.stream, quiet: false, verbose: false, env, isTTY: false });
    plain.start(info);
    plain.finish(summary);
    expect(file.output()).toMatch(/^paginate: artsy artists: [^\x1b]*\n$/);
  });

  it('is quiet with --quiet, even on a terminal', async () => {
    const terminal = fakeTerminal();
    const reporter = await createReporter({ stderr: terminal.stream, quiet: true, verbose: true, env });
    drive(reporter, 1);
    reporter.finish(summary);
    expect(terminal.output()).toBe('');
  });

  it('honours NO_COLOR on a terminal', async () => {
    const terminal = fakeTerminal();
    const reporter = await createReporter({ stderr: terminal.stream, quiet: false, verbose: false, env: { ...env, NO_COLOR: '1' } });
    reporter.start(info);
    reporter.finish(summary);
    expect(terminal.output()).not.toMatch(/\x1b\[[\d;]*m/);
  });
});

describe('isInteractive', () => {
  const tty = fakeTerminal().stream;
  it('needs a TTY with a width, a capable TERM and no CI', () => {
    expect(isInteractive(tty, { TERM: 'xterm' })).toBe(true);
    expect(isInteractive(tty, { TERM: 'xterm', CI: 'false' })).toBe(true);
    expect(isInteractive(tty, { TERM: 'dumb' })).toBe(false);
    expect(isInteractive(tty, { TERM: 'xterm', CI: 'true' })).toBe(false);
    expect(isInteractive(fakeTerminal(0).stream, { TERM: 'xterm' })).toBe(false);
    expect(isInteractive(Object.assign(fakeTerminal().stream, { isTTY: false }), {})).toBe(false);
  });
});
