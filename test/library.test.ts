import { describe, expect, it } from 'vitest';
import { exportRecords } from '../src/index.js';
import { startSandbox } from '../sandbox/registry.js';

describe('library API', () => {
  it('exportRecords yields exactly the emulator records, in order', async () => {
    const sandbox = await startSandbox('starting-at', { latencyMs: 0, size: 777 });
    try {
      const records: unknown[] = [];
      for await (const record of exportRecords({ profile: 'starting-at', baseUrl: sandbox.url, env: sandbox.emulator.env, pageSize: 50 })) {
        records.push(record);
      }
      expect(records).toEqual(sandbox.emulator.records('items', {}));
    } finally {
      await sandbox.close();
    }
  });

  it('sandbox: true runs against the built-in emulator with no credentials', async () => {
    const records: unknown[] = [];
    for await (const record of exportRecords({ profile: 'soundcloud', sandbox: true, maxItems: 5, env: {} })) records.push(record);
    expect(records).toHaveLength(5);
  });

  it('aborting stops the requests', async () => {
    const sandbox = await startSandbox('starting-at', { latencyMs: 20, size: 5000 });
    try {
      const controller = new AbortController();
      let seen = 0;
      await expect(
        (async () => {
          for await (const _ of exportRecords({ profile: 'starting-at', baseUrl: sandbox.url, env: sandbox.emulator.env, pageSize: 10, signal: controller.signal })) {
            if (++seen === 25) controller.abort();
          }
        })(),
      ).rejects.toMatchObject({ name: 'AbortError' });
      const requests = sandbox.stats.requests;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sandbox.stats.requests).toBe(requests);
      expect(requests).toBeLessThanOrEqual(4);
    } finally {
      await sandbox.close();
    }
  });
});
