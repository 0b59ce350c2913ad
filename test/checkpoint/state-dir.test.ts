import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStateDir, ensureStateDir } from '../../src/checkpoint/state-dir.js';
import { PaginateError } from '../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'paginate-state-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('defaultStateDir', () => {
  it('uses $XDG_STATE_HOME/paginate', () => {
    expect(defaultStateDir({ XDG_STATE_HOME: '/var/state' }, '/home/ana')).toBe(join('/var/state', 'paginate'));
  });

  it.each([['unset', {}], ['empty', { XDG_STATE_HOME: '' }], ['relative (invalid per the XDG spec)', { XDG_STATE_HOME: 'state' }]])(
    'falls back to ~/.local/state/paginate when XDG_STATE_HOME is %s',
    (_, env) => {
      expect(defaultStateDir(env, '/home/ana')).toBe(join('/home/ana', '.local', 'state', 'paginate'));
    },
  );
});

describe('ensureStateDir', () => {
  it('creates missing folders with mode 0700 and accepts an existing one', async () => {
    const dir = join(root, 'a', 'b', 'paginate');
    await ensureStateDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    await ensureStateDir(dir);
  });

  it('leaves the mode of an existing folder alone', async () => {
    const dir = join(root, 'shared');
    await ensureStateDir(dir);
    chmodSync(dir, 0o750);
    await ensureStateDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o750);
  });

  it('reports a folder that cannot be created as a usage error naming it and --state-dir', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const error = await ensureStateDir(join(file, 'paginate')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaginateError);
    expect(error).toMatchObject({ code: 'STATE_DIR', exitCode: 2 });
    expect((error as Error).message).toContain(join(file, 'paginate'));
    expect((error as Error).message).toContain('--state-dir');
  });

  it.skipIf(process.getuid?.() === 0)('reports a folder that is not writable', async () => {
    const dir = join(root, 'read-only');
    await ensureStateDir(dir);
    chmodSync(dir, 0o500);
    await expect(ensureStateDir(dir)).rejects.toMatchObject({ code: 'STATE_DIR', exitCode: 2 });
  });
});
