/**
 * A terminal double for the progress tests: a stream that records what is written to it, and
 * `screen()`, the text a terminal would show after that output (enough VT100 for ora and cli-progress).
 */
import { clearLine, cursorTo, moveCursor } from 'node:readline';

export interface FakeTerminal {
  /** Pass as stderr; it has what ora and cli-progress use of a tty.WriteStream. */
  stream: NodeJS.WriteStream;
  writes: string[];
  output(): string;
}

export function fakeTerminal(columns = 120): FakeTerminal {
  const writes: string[] = [];
  const stream = {
    isTTY: true,
    columns,
    write(chunk: string | Uint8Array) {
      writes.push(String(chunk));
      return true;
    },
    cursorTo: (x: number) => cursorTo(stream as never, x),
    moveCursor: (dx: number, dy: number) => moveCursor(stream as never, dx, dy),
    clearLine: (dir: -1 | 0 | 1) => clearLine(stream as never, dir),
  };
  return { stream: stream as unknown as NodeJS.WriteStream, writes, output: () => writes.join('') };
}

const ANSI = /\x1b\[[?\d;]*[A-Za-z]|\x1b[78]/g;
export const stripAnsi = (text: string): string => text.replace(ANSI, '');

/** The lines on screen, trailing spaces trimmed. A line feed also returns the carriage, as a pty does. */
export function screen(output: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  let saved = { row: 0, col: 0 };
  const moveTo = (toRow: number) => {
    row = Math.max(0, toRow);
    while (lines.length <= row) lines.push('');
  };
  const put = (char: string) => {
    const line = lines[row].padEnd(col);
    lines[row] = line.slice(0, col) + char + line.slice(col + 1);
    col++;
  };
  for (const [token, params = '', command, escape, control] of output.matchAll(
    /\x1b\[([?\d;]*)([A-Za-z])|\x1b([78])|([\r\n])|[^\x1b\r\n]/gu,
  )) {
    const n = Number(params) || 0;
    if (command === 'G') col = Math.max(n, 1) - 1;
    else if (command === 'A') moveTo(row - Math.max(n, 1));
    else if (command === 'B') moveTo(row + Math.max(n, 1));
    else if (command === 'C') col += Math.max(n, 1);
    else if (command === 'D') col = Math.max(0, col - Math.max(n, 1));
    else if (command === 'K' && n === 0) lines[row] = lines[row].slice(0, col);
    else if (command === 'K' && n === 1) lines[row] = ' '.repeat(col + 1) + lines[row].slice(col + 1);
    else if (command === 'K' && n === 2) lines[row] = '';
    else if (command) continue; // colours, cursor visibility
    else if (escape === '7') saved = { row, col };
    else if (escape === '8') ({ row, col } = saved);
    else if (control === '\r') col = 0;
    else if (control === '\n') {
      moveTo(row + 1);
      col = 0;
    } else put(token);
  }
  return lines.map((line) => line.trimEnd());
}

/** The last line with text on it. */
export const lastLine = (lines: string[]): string => lines.filter((line) => line !== '').at(-1) ?? '';
