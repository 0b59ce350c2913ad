/**
 * Progress on a terminal (stderr): an ora spinner until the first page, then a cli-progress bar.
 * page() only keeps the latest snapshot; the bar's own timer draws it at most FPS times a second,
 * so a fast export pays nothing for the display. The only file that imports ora and cli-progress.
 */
import cliProgress from 'cli-progress';
import ora, { type Ora } from 'ora';
import { createRateMeter, etaSeconds } from './eta.js';
import type { ExportInfo, ProgressSnapshot, Reporter } from './reporter.js';
import { formatSummary, percent, progressParts } from './summary.js';

export interface TtyReporterOptions {
  stderr: NodeJS.WriteStream;
  verbose: boolean;
  /** False under NO_COLOR: the spinner is drawn without colour (the bar never has any). */
  color: boolean;
}

/** Redraws per second, whatever the page rate. */
const FPS = 10;
const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l';
const CLEAR_LINE = '\r\x1b[2K';
const BAR_SIZE = 20;

/** As many whole parts as fit in `width` columns (at least the first, cut). */
function fit(parts: string[], width: number): string {
  let line = parts[0].slice(0, width);
  for (const part of parts.slice(1)) {
    if (line.length + 2 + part.length > width) break;
    line += `, ${part}`;
  }
  return line;
}

export function createTtyReporter(options: TtyReporterOptions): Reporter {
  const { stderr } = options;
  const meter = createRateMeter();
  let latest: ProgressSnapshot = { records: 0, pages: 0, retries: 0, throttled: 0, waitedMs: 0, elapsedMs: 0 };
  let spinner: Ora | undefined;
  let bar: cliProgress.SingleBar | undefined;
  let cursorHidden = false;
  let closed = false;

  // One column spare: writing into the last one makes some terminals wrap.
  const width = () => Math.max((stderr.columns || 80) - 1, 20);

  const barLine = (barOptions: cliProgress.Options): string => {
    const { records, total } = latest;
    const rate = meter.sample(Date.now(), records);
    const parts = progressParts(latest, rate, total === undefined ? undefined : etaSeconds(records, total, rate));
    const counts = parts.join(', ');
    // The glyphs only where a total is known and every count still fits beside them.
    if (total === undefined || counts.length + BAR_SIZE + 1 > width()) return fit(parts, width());
    return `${cliProgress.Format.BarFormat(percent(records, total) / 100, barOptions)} ${counts}`;
  };

  // A hard exit (a second Ctrl-C) skips close(): still leave a clean line and a visible cursor.
  const onExit = () => stderr.write(`${CLEAR_LINE}${SHOW_CURSOR}`);
  const hideCursor = () => {
    if (cursorHidden) return;
    cursorHidden = true;
    stderr.write(HIDE_CURSOR);
    process.once('exit', onExit);
  };
  const showCursor = () => {
    if (!cursorHidden) return;
    cursorHidden = false;
    stderr.write(SHOW_CURSOR);
    process.off('exit', onExit);
  };

  const startBar = () => {
    hideCursor();
    spinner?.stop();
    spinner = undefined;
    bar = new cliProgress.SingleBar({
      stream: stderr,
      fps: FPS,
      format: barLine,
      barsize: BAR_SIZE,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      // Truncate to the width rather than switch the terminal's wrapping mode, which a hard exit would leave off.
      linewrap: true,
      // The summary line takes the bar's place.
      clearOnComplete: true,
      // The CLI owns SIGINT/SIGTERM; close() or onExit restore the terminal.
      gracefulExit: false,
    });
    // Value and total unused: barLine reads the latest snapshot.
    bar.start(1, 0);
  };

  // The bar is stopped and restarted around a message: it saves the cursor position when it starts
  // and returns there when it stops, which must be the line it is drawn on.
  const writeLine = (text: string) => {
    spinner?.clear();
    bar?.stop();
    stderr.write(`${text}\n`);
    spinner?.render();
    bar?.start(1, 0);
  };

  const close = () => {
    if (closed) return;
    closed = true;
    spinner?.stop();
    bar?.stop();
    spinner = bar = undefined;
    showCursor();
  };

  return {
    start(info: ExportInfo) {
      if (closed || spinner || bar) return;
      hideCursor();
      spinner = ora({
        stream: stderr,
        // ora counts the text as `--text--` when measuring lines; keep it to one.
        text: `${info.profile} ${info.endpoint} → ${info.output}: waiting for the first page…`.slice(0, width() - 6),
        isEnabled: true,
        discardStdin: false,
        hideCursor: false,
        color: options.color ? 'cyan' : false,
        interval: 1000 / FPS,
      }).start();
    },
    page(snapshot) {
      latest = snapshot;
      if (!bar && !closed) startBar();
    },
    log(text) {
      if (options.verbose) writeLine(`paginate: ${text}`);
    },
    warn(text) {
      writeLine(`paginate: warning: ${text}`);
    },
    finish(summary) {
      close();
      stderr.write(`${formatSummary(summary)}\n`);
    },
    close,
  };
}
