import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readState, removeState, statePath, writeState, type IncrementalState } from '../../src/incremental/state-file.js';

const KEY = 'demo-items-0123456789abcdef';
const state = (extra: Partial<IncrementalState> = {}): IncrementalState => ({
  version: 1,
  key: KEY,
  command: { profile: 'demo', endpoint: 'items', filters: {} },
  mode: 'filter',
  field: 'created_at',
  mark: 1_767_225_600_000,
  markText: '2026-01-01T00:00:00.000Z',
  floor: { value: 1_767_225_000_000, inclusive: true },
  keys: [['a', 1_767_225_600_000]],
  outputBytes: 120,
  runs: 1,
  updatedAt: new Date().toISOString(),
  ...extra,
});

describe('incremental state file', () => {
  it('round-trips, with mode 0600, and is gone after removeState', async () => {
    const path = statePath(mkdtempSync(join(tmpdir(), 'paginate-state-')), KEY);
    expect(await readState(path, KEY)).toBeUndefined();
    await writeState(path, state(), ['sandbox-token']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await readState(path, KEY)).toEqual(state({ updatedAt: (await readState(path, KEY))!.updatedAt }));
    await removeState(path);
    expect(await readState(path, KEY)).toBeUndefined();
  });

  it('a truncated or foreign state is exit 2 with --restart as the way out, never silently dropped', async () => {
    const path = statePath(mkdtempSync(join(tmpdir(), 'paginate-state-')), KEY);
    writeFileSync(path, '{"version": 1, "key"');
    await expect(readState(path, KEY)).rejects.toMatchObject({ code: 'STATE_CORRUPT', exitCode: 2, message: expect.stringMatching(/--restart/) });
    await writeState(path, state({ key: 'other-items-ffffffffffffffff' }), []);
    await expect(readState(path, KEY)).rejects.toMatchObject({ code: 'STATE_CORRUPT', message: expect.stringMatching(/another export/) });
  });

  it('refuses to write a credential that came back from the server, and keeps the previous state', async () => {
    const path = statePath(mkdtempSync(join(tmpdir(), 'paginate-state-')), KEY);
    await writeState(path, state(), ['s3cr3t-token']);
    const before = readFileSync(path, 'utf8');
    await expect(writeState(path, state({ mode: 'keyset', position: { cursor: 'abc?token=s3cr3t-token' } }), ['s3cr3t-token'])).rejects.toMatchObject({ code: 'STATE_SECRET' });
    await expect(writeState(path, state({ keys: [['s3cr3t-token', 1]] }), ['s3cr3t-token'])).rejects.toMatchObject({ code: 'STATE_SECRET' });
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});
