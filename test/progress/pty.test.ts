/**
 * The TTY reporter in a real pseudo-terminal (util-linux `script`), driven by a fixture that feeds
 * ~1,000 pages a second to the built dist/src/progress/tty.js; the output is replayed on a simulated
 * screen to check what a user is left looking at.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastLine, screen, stripAnsi } from './terminal.js';

const fixture = fileURLToPath(new URL('./fixtures/tty-export.js', import.meta.url));
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') ?? false;

interface Run {
  code: number | null;
  output: string;
  lines: string[];
}

/** `ending`: finish (summary), fail (close + an error line) or exit (process.exit mid-bar). */
function runInPty(ending: 'finish' | 'fail' | 'exit', seconds: number): Promise<Run> {
  const command = `stty cols 120 rows 40 2>/dev/null; exec node '${fixture.replaceAll("'", `'\\''`)}' ${ending} ${seconds}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '' },
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 10) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, lines: screen(output).filter((line) => line !== '') });
    });
  });
}

/** Anything the spinner or bar draws; none of it may be left on screen. */
const DRAWN = /waiting for the first page|ETA|█|░/;

describe.skipIf(!hasScript)('TTY reporter in a pseudo-terminal (needs util-linux script)', () => {
  it('draws a bar for 3 s of pages, then leaves only the log line and the summary', async () => {
    const run = await runInPty('finish', 3);
    expect(run.code, run.output).toBe(0);
    expect(stripAnsi(run.output)).toMatch(/waiting for the first page/);
    expect(stripAnsi(run.output)).toMatch(/\d+\/100000 records \(\d+\.\d%\), \d+ records\/s, ETA/);
    // fps 10 over ~3.3 s, plus the redraws around start, the log line and stop.
    const draws = run.output.split('records/s').length - 1;
    expect(draws, 'bar redraws in 3 s').toBeLessThanOrEqual(40);
    expect(run.lines.filter((line) => DRAWN.test(line)), 'half-drawn lines left on screen').toEqual([]);
    expect(run.lines).toContain('paginate: retry 1 after HTTP 503, waiting 0.5 s');
    expect(lastLine(run.lines)).toMatch(/^paginate: demo items: \d+ records, \d+ pages, .*; complete$/);
    expect(run.output.lastIndexOf('\x1b[?25h'), 'cursor shown again').toBeGreaterThan(run.output.lastIndexOf('\x1b[?25l'));
  });

  it('clears the bar before an error line', async () => {
    const run = await runInPty('fail', 1);
    expect(run.code, run.output).toBe(1);
    expect(run.lines.filter((line) => DRAWN.test(line)), 'half-drawn lines left on screen').toEqual([]);
    expect(lastLine(run.lines)).toBe('paginate: HTTP 500 from https://api.example.com/items');
    expect(run.output.lastIndexOf('\x1b[?25h'), 'cursor shown again').toBeGreaterThan(run.output.lastIndexOf('\x1b[?25l'));
  });

  it('clears the bar and shows the cursor on a hard exit (a second Ctrl-C)', async () => {
    const run = await runInPty('exit', 1);
    expect(run.code, run.output).toBe(130);
    expect(run.lines.filter((line) => DRAWN.test(line)), 'half-drawn lines left on screen').toEqual([]);
    expect(run.output.lastIndexOf('\x1b[?25h'), 'cursor shown again').toBeGreaterThan(run.output.lastIndexOf('\x1b[?25l'));
  });
});
