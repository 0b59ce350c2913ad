import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProgressSnapshot } from '../../src/progress/reporter.js';
import type { Summary } from '../../src/progress/summary.js';
import { createTtyReporter } from '../../src/progress/tty.js';
import { fakeTerminal, lastLine, screen, stripAnsi } from './terminal.js';

const info = { profile: 'soundcharts', endpoint: 'artists', strategy: 'sequential', output: 'artists.ndjson' };
const snapshot = (page: number, total?: number): ProgressSnapshot => ({
  records: page * 100, pages: page, total, retries: 1, throttled: 2, waitedMs: 3_000, elapsedMs: page,
});
const summary: Summary = {
  profile: 'soundcharts', endpoint: 'artists', status: 'complete', records: 100_000, pages: 1000, requests: 1003, seconds: 1.5,
  recordsPerSecond: 66_666, retries: 1, throttled: 2, waitedSeconds: 3, output: 'artists.ndjson', bytes: 2048, resumed: false, reasons: [],
};
const barDraws = (writes: string[]) => writes.filter((write) => write.includes('records/s')).length;

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createTtyReporter', () => {
  it('redraws at most 10 times a simulated second, however fast pages arrive', () => {
    const terminal = fakeTerminal();
    const reporter = createTtyReporter({ stderr: terminal.stream, verbose: false, color: false });
    reporter.start(info);
    vi.advanceTimersByTime(1_000);
    const spinnerDraws = terminal.writes.filter((write) => write.includes('waiting for the first page')).length;
    expect(spinnerDraws, 'spinner frames in 1 s').toBeLessThanOrEqual(11);

    const before = terminal.writes.length;
    for (let page = 1; page <= 1_000; page++) {
      reporter.page(snapshot(page, 200_000));
      vi.advanceTimersByTime(1);
    }
    const draws = barDraws(terminal.writes.slice(before));
    expect(draws, 'bar redraws for 1,000 pages in 1 s').toBeLessThanOrEqual(11);
    expect(draws, 'bar redraws for 1,000 pages in 1 s').toBeGreaterThanOrEqual(5);
    reporter.close();
  });

  it('writes nothing from page() itself once the bar is up', () => {
    const terminal = fakeTerminal();
    const reporter = createTtyReporter({ stderr: terminal.stream, verbose: false, color: false });
    reporter.page(snapshot(1));
    const before = terminal.writes.length;
    for (let page = 2; page <= 1_000; page++) reporter.page(snapshot(page));
    expect(terminal.writes.length - before).toBe(0);
    reporter.close();
  });

  it('shows records, percent, rate, ETA, retries and 429s, with glyphs when they fit', () => {
    const terminal = fakeTerminal(160);
    const reporter = createTtyReporter({ stderr: terminal.stream, verbose: false, color: false });
    for (let page = 1; page <= 20; page++) {
      reporter.page(snapshot(page * 10, 100_000));
      vi.advanceTimersByTime(100);
    }
    expect(lastLine(screen(terminal.output()))).toMatch(
      /^█{4}░{16} 20000\/100000 records \(20\.0%\), \d+ records\/s, ETA \d+\.\d s, 2 × 429 \(3\.0 s waited\), 1 retries, 200 pages$/,
    );
    reporter.close();
  });

  it('keeps whole counts on a narrow terminal, dropping glyphs first', () => {
    const terminal = fakeTerminal(60);
    const reporter = createTtyReporter({ stderr: terminal.stream, verbose: false, color: false });
    reporter.page(snapshot(100, 100_000));
    vi.advanceTimersByTime(500);
    reporter.page(snapshot(200, 100_000));
    vi.advanceTimersByTime(100);
    const line = lastLine(screen(terminal.output()));
    expect(line).toMatch(/^20000\/100000 records \(20\.0%\), \d+ records\/s, ETA [\d.]+ s$/);
    expect(line.length).toBeLessThan(60);
    reporter.close();
  });

  it('prints log lines above the bar, and ends with the summary on a clean line', () => {
    const terminal = fakeTerminal();
    const reporter = createTtyReporter({ stderr: terminal.stream, verbose: true, color: false });
    reporter.start(info);
    vi.advanceTimersByTime(300);
    reporter.log('retry 1 after HTTP 503, waiting 0.5 s');
    vi.advanceTimersByTime(300);
    for (let page = 1; page <= 500; page++) {
      reporter.page(snapshot(page, 100_000));
      vi.advanceTimersByTime(2);
      if (page === 250) reporter.warn('offset cap 10000 reached');
    }
    reporter.finish(summary);
    expect(screen(terminal.output()).filter((line) => line !== '')).toEqual([
      'paginate: retry 1 after HTTP 503, waiting 0.5 s',
      'paginate: warning: offset cap 10000 reached',
      expect.stringMatching(/^paginate: soundcharts artists: 100000 records, .*; complete$/),
    ]);
    const output = terminal.output();
    expect(output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(output.lastIndexOf('\x1b[?25l'));
    vi.advanceTimersByTime(5_000);
    expect(terminal.output(), 'nothing drawn after finish').toBe(output);
  });

  it('clears the bar on close() so that an error line starts on its own line', () => {
    const terminal = fakeTerminal();
    const reporter = createTtyReporter({ stderr: terminal.stream, verbose: false, color: false });
    reporter.start(info);
    reporter.page(snapshot(1));
    vi.advanceTimersByTime(300);
    reporter.close();
    reporter.close();
    terminal.stream.write('paginate: HTTP 500 from https://api.soundcharts.com\n');
    expect(screen(terminal.output()).filter((line) => line !== '')).toEqual(['paginate: HTTP 500 from https://api.soundcharts.com']);
    expect(stripAnsi(terminal.output())).toContain('100 records');
  });
});
