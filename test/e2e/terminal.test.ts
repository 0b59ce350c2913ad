/**
 * The built CLI as a user sees it: in a real pseudo-terminal (util-linux `script`, output replayed
 * on the screen emulator of test/progress/terminal.ts), in a pipe as cron runs it, with --quiet,
 * NO_COLOR and --summary-json.
 *
 * PAGINATE_TEST_SHOW_SCREENS=1 prints the captured screens (mid-export and final) and the cron
 * run's stderr.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSummary, type Summary } from '../../src/progress/summary.js';
import { BIN, baseEnv, runCli, signalAfterLines } from './harness.js';
import { json, testProfile, tinyServer } from './tiny-server.js';
import { lastLine, screen, stripAnsi } from '../progress/terminal.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') ?? false;
const show = process.env.PAGINATE_TEST_SHOW_SCREENS === '1';
const tmp = () => mkdtempSync(join(tmpdir(), 'paginate-terminal-'));
const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

interface Chunk {
  at: number;
  text: string;
}

interface PtyRun {
  code: number | null;
  output: string;
  chunks: Chunk[];
  /** Non-empty lines of the final screen. */
  lines: string[];
  /** When ^C was typed, in ms since the start. */
  ctrlCAt?: number;
  ms: number;
}

/**
 * Runs the CLI in a 120×40 pseudo-terminal; `ctrlCAfterMs` types ^C into it, which the terminal
 * turns into SIGINT for the CLI as a user's keyboard would.
 */
function runInPty(args: string[], env: NodeJS.ProcessEnv, options: { ctrlCAfterMs?: number; timeoutMs?: number } = {}): Promise<PtyRun> {
  const command = `stty cols 120 rows 40 2>/dev/null; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...env, TERM: 'xterm-256color' } });
    const chunks: Chunk[] = [];
    let ctrlCAt: number | undefined;
    const take = (text: string) => chunks.push({ at: Date.now() - started, text });
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    const ctrlC =
      options.ctrlCAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            ctrlCAt = Date.now() - started;
            child.stdin.write('\x03');
          }, options.ctrlCAfterMs);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(ctrlC);
      const output = chunks.map((chunk) => chunk.text).join('');
      resolve({ code, output, chunks, lines: screen(output).filter((line) => line !== ''), ctrlCAt, ms: Date.now() - started });
    });
  });
}

/** What the spinner or the bar draws; none of it may be left on the final screen. */
const DRAWN = /waiting for the first page|ETA|█|░|[\u2800-\u28ff]/;
/** The bar's counts, as drawn while an export runs. */
const BAR = /\d+\/\d+ records \(\d+\.\d%\), [1-9]\d* records\/s, ETA/;
/** SGR sequences that set a colour (foreground, background, 256/truecolour). */
const colourCodes = (output: string): string[] =>
  [...output.matchAll(/\x1b\[([0-9;]*)m/g)]
    .map((match) => match[0])
    .filter((sgr) => sgr.slice(2, -1).split(';').some((p) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(p)));

/** The screen as it was when the first chunk matching `pattern` had been drawn. */
function screenAt(run: PtyRun, pattern: RegExp): { at: number; lines: string[] } | undefined {
  let text = '';
  for (const chunk of run.chunks) {
    text += chunk.text;
    if (pattern.test(stripAnsi(chunk.text))) return { at: chunk.at, lines: screen(text).filter((line) => line !== '') };
  }
  return undefined;
}

const ptyEnv = (extra: NodeJS.ProcessEnv = {}) => baseEnv({ NO_COLOR: undefined, CI: undefined, ...extra });

describe.skipIf(!hasScript)('the CLI in a pseudo-terminal (needs util-linux script)', () => {
  it('soundcharts sandbox: the bar shows mid-export, then only the summary is left and the cursor is back', { timeout: 30_000 }, async () => {
    const out = join(tmp(), 'a.ndjson');
    const run = await runInPty(['export', 'soundcharts', '--sandbox', '--filter', 'min=10000', '--max-items', '3000', '-o', out], ptyEnv());
    expect(run.code, `exit code; output:\n${stripAnsi(run.output)}`).toBe(0);
    const mid = screenAt(run, BAR);
    const summaryAt = run.chunks.find((chunk) => /; complete/.test(chunk.text))?.at;
    if (show) console.log(`--- screen mid-export (${mid?.at} ms) ---\n${mid?.lines.join('\n')}\n--- final screen (${run.ms} ms) ---\n${run.lines.join('\n')}`);
    expect(mid, `the bar (records, rate, ETA) was never drawn:\n${stripAnsi(run.output)}`).toBeDefined();
    expect(summaryAt, 'no summary line').toBeDefined();
    expect(mid!.at, 'the bar was drawn before the summary, while the export ran').toBeLessThan(summaryAt!);
    expect(lastLine(mid!.lines), 'mid-export, the last line on screen is the bar').toMatch(BAR);
    expect(run.lines.filter((line) => DRAWN.test(line)), 'spinner or bar remnants on the final screen').toEqual([]);
    expect(run.lines, 'the final screen holds the summary and nothing else').toHaveLength(1);
    expect(lastLine(run.lines)).toMatch(/^paginate: soundcharts artists: 3000 records, 30 pages, .* → .*a\.ndjson \([\d.]+ [KM]B\); complete$/);
    expect(run.output.lastIndexOf('\x1b[?25h'), 'cursor shown again after the last hide').toBeGreaterThan(run.output.lastIndexOf('\x1b[?25l'));
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3000);
  });

  it('Ctrl-C mid-export: exit 130, the summary says interrupted, the screen is clean, nothing lost', { timeout: 30_000 }, async () => {
    const dir = tmp();
    const out = join(dir, 'a.ndjson');
    const env = ptyEnv();
    const run = await runInPty(['export', 'soundcharts', '--sandbox', '--filter', 'min=10000', '-o', out], env, { ctrlCAfterMs: 1_500 });
    if (show) console.log(`--- final screen after ^C at ${run.ctrlCAt} ms (exit ${run.code} at ${run.ms} ms) ---\n${run.lines.join('\n')}`);
    expect(run.code, `exit code after ^C; output:\n${stripAnsi(run.output)}`).toBe(130);
    expect(run.ms - run.ctrlCAt!, 'time from ^C to exit').toBeLessThan(3_000);
    expect(run.lines.filter((line) => DRAWN.test(line)), 'spinner or bar remnants on the final screen').toEqual([]);
    const summary = lastLine(run.lines);
    expect(summary).toMatch(/^paginate: soundcharts artists: \d+ records, \d+ pages, .*; interrupted$/);
    expect(run.output.lastIndexOf('\x1b[?25h'), 'cursor shown again after the last hide').toBeGreaterThan(run.output.lastIndexOf('\x1b[?25l'));
    // Nothing lost: the file holds what the summary counts, and a checkpoint is there to resume from.
    const records = Number(/: (\d+) records/.exec(summary)![1]);
    expect(records, 'some records before ^C, far from all').toBeGreaterThan(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(records);
    expect(readdirSync(join(env.XDG_STATE_HOME!, 'paginate')).filter((name) => name.endsWith('.json')), 'checkpoint left to resume from').toHaveLength(1);
  });

  it('with --max-items the bar counts towards it (records of 3000, percent and ETA)', { timeout: 30_000 }, async () => {
    // The bar counts towards --max-items, not the server's total, so percent and ETA are true.
    const run = await runInPty(['export', 'soundcharts', '--sandbox', '--filter', 'min=10000', '--max-items', '3000', '-o', join(tmp(), 'a.ndjson')], ptyEnv());
    expect(run.code, stripAnsi(run.output)).toBe(0);
    const drawn = stripAnsi(run.output).match(/\d+\/\d+ records \(\d+\.\d%\)/g) ?? [];
    expect(drawn.length, 'the bar was drawn').toBeGreaterThan(0);
    expect(drawn.filter((text) => !/\/3000 records/.test(text)), 'bar totals other than --max-items 3000').toEqual([]);
  });

  it('NO_COLOR=1: no colour codes (cursor movement is fine); without it the spinner is coloured', { timeout: 30_000 }, async () => {
    const args = (out: string) => ['export', 'soundcharts', '--sandbox', '--filter', 'min=10000', '--max-items', '1000', '-o', out];
    const plain = await runInPty(args(join(tmp(), 'a.ndjson')), ptyEnv({ NO_COLOR: '1' }));
    expect(plain.code, stripAnsi(plain.output)).toBe(0);
    expect(plain.output, 'it drew on the terminal').toMatch(/\x1b\[/);
    expect(colourCodes(plain.output), 'colour SGR codes under NO_COLOR=1').toEqual([]);
    const coloured = await runInPty(args(join(tmp(), 'b.ndjson')), ptyEnv());
    expect(coloured.code, stripAnsi(coloured.output)).toBe(0);
    expect(colourCodes(coloured.output).length, 'the control run (no NO_COLOR) should use colour, or this test proves nothing').toBeGreaterThan(0);
  });
});

describe('not a terminal (cron, CI)', () => {
  it('CI=true in a pipe: no ANSI at all, a plain progress line every 10 s, one summary line', { timeout: 45_000 }, async () => {
    const out = join(tmp(), 'b.ndjson');
    // 80 sequential pages at the sandbox's 150 ms latency: ~12 s, so one progress line is due.
    const args = ['export', 'soundcharts', '--sandbox', '--strategy', 'sequential', '--max-items', '8000', '-o', out];
    const started = Date.now();
    const lines: Chunk[] = [];
    const { code, stderr, stdout } = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv({ CI: 'true', NO_COLOR: undefined }), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let stdout = '';
      let partial = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr += text;
        partial += text;
        for (let at = partial.indexOf('\n'); at >= 0; at = partial.indexOf('\n')) {
          lines.push({ at: Date.now() - started, text: partial.slice(0, at) });
          partial = partial.slice(at + 1);
        }
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr, stdout });
      });
    });
    const ms = Date.now() - started;
    if (show) console.log(`--- cron-style stderr (${ms} ms) ---\n${stderr}`);
    expect(code, stderr).toBe(0);
    expect(stdout, 'records go to the file, nothing on stdout').toBe('');
    expect(stderr, 'an ANSI escape on stderr outside a terminal').not.toMatch(/\x1b\[/);
    const progress = lines.filter((line) => !/; complete$/.test(line.text));
    const summary = lines.filter((line) => /; complete$/.test(line.text));
    expect(summary.map((line) => line.text), 'one final summary line').toHaveLength(1);
    expect(lines.at(-1)!.text).toMatch(/^paginate: soundcharts artists: 8000 records, 80 pages, .*; complete$/);
    expect(progress.length, `progress lines in ${ms} ms at one per 10 s:\n${stderr}`).toBeGreaterThanOrEqual(1);
    expect(progress.length, `progress lines in ${ms} ms at one per 10 s:\n${stderr}`).toBeLessThanOrEqual(Math.floor(ms / 10_000));
    for (const line of progress) expect(line.text).toMatch(/^paginate: \d+\/\d+ records \(\d+\.\d%\), \d+ records\/s, ETA [^,]+, \d+ × 429 \([\d.]+ s waited\), \d+ retries, \d+ pages$/);
    let previous = 0;
    for (const line of progress) {
      expect(line.at - previous, `a progress line came ${line.at - previous} ms after the previous one; the interval is 10 s`).toBeGreaterThanOrEqual(9_500);
      previous = line.at;
    }
  });

  it('--quiet: nothing on stderr when the export succeeds; the one error line when it fails', { timeout: 30_000 }, async () => {
    const ok = await runCli(['export', 'artsy', '--sandbox', '--max-items', '5', '--quiet'], { env: baseEnv({ NO_COLOR: undefined }) });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr, 'stderr under --quiet').toBe('');
    expect(ok.stdout.trim().split('\n')).toHaveLength(5);
    const server = await tinyServer((_, res) => json(res, 403, { message: 'no access' }));
    try {
      const failed = await runCli(['export', 'demo', '--profile-file', testProfile(), '--base-url', server.url, '--quiet'], { env: baseEnv({ DEMO_TOKEN: 'quiet-token-value' }) });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/^paginate: HTTP 403 from GET .*: no access; the credentials are not allowed to read this endpoint\n$/);
    } finally {
      await server.close();
    }
  });

  it('--summary-json holds the same summary as the stderr line (complete, and incomplete with its reason)', { timeout: 30_000 }, async () => {
    const dir = tmp();
    const out = join(dir, 'artists.ndjson');
    const path = join(dir, 'summary.json');
    const result = await runCli(['export', 'artsy', '--sandbox', '--max-items', '150', '-o', out, '--summary-json', path]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path, 'utf8')) as Summary;
    expect(summary).toMatchObject({ profile: 'artsy', endpoint: 'artists', status: 'complete', records: 150, pages: 2, output: out, bytes: statSync(out).size, resumed: false, reasons: [] });
    expect(summary.requests).toBeGreaterThanOrEqual(2);
    expect(result.stderr, 'the stderr summary is the JSON summary, formatted').toBe(`${formatSummary(summary)}\n`);

    const server = await tinyServer((_, res, n) => json(res, 200, { total: 10, items: n === 1 ? [{ id: 1 }, { id: 2 }] : [], next: n === 1 ? 'c1' : null }));
    try {
      // The test profile, with the total the server reports.
      const totalProfile = join(dir, 'demo.yaml');
      writeFileSync(totalProfile, readFileSync(testProfile(), 'utf8').replace('      cursor: next\n', '      cursor: next\n      total: total\n'));
      const incomplete = join(dir, 'incomplete.json');
      const partial = await runCli(['export', 'demo', '--profile-file', totalProfile, '--base-url', server.url, '--summary-json', incomplete], { env: baseEnv({ DEMO_TOKEN: 't-value' }) });
      expect(partial.code, partial.stderr).toBe(3);
      const json3 = JSON.parse(readFileSync(incomplete, 'utf8')) as Summary;
      expect(json3).toMatchObject({ status: 'incomplete', records: 2, output: 'stdout', reasons: ['received 2 of the 10 records the server reported'] });
      expect(partial.stderr).toBe(`${formatSummary(json3)}\n`);
    } finally {
      await server.close();
    }
  });

  it('Ctrl-C while the rate limiter holds the next request stops at once', { timeout: 15_000 }, async () => {
    // The next request is ~60 s away: Ctrl-C must not wait for it.
    const out = join(tmp(), 'slow.ndjson');
    let interruptedAt = 0;
    const result = await runCli(['export', 'artsy', '--sandbox', '--rate', '1/min', '-o', out], {
      timeoutMs: 12_000,
      // Ctrl-C once the first page is on disk, however slowly the loaded machine started node.
      onSpawn: (child) => signalAfterLines(child, out, 100, 'SIGINT', () => (interruptedAt = Date.now())),
    });
    expect(result.code, `exit code (killed by the test's 12 s safety net: ${result.signal ?? 'no'})`).toBe(130);
    expect(Date.now() - interruptedAt, 'time to exit after SIGINT').toBeLessThan(3_000);
    expect(result.stderr.trim()).toMatch(/; interrupted$/);
    expect(existsSync(out) && readFileSync(out, 'utf8').trim().split('\n').length).toBe(100);
  });
});
