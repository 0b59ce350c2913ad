/**
 * README "Many exports, one key": the manifests it quotes are the checked-in files, they parse and
 * say what the section promises, the Indexed Job's script runs (and resumes after a pod is lost),
 * and the GNU parallel line runs as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BIN, baseEnv, type RunResult } from './harness.js';
import { startSandbox } from '../../sandbox/registry.js';
import { startRedis, type TestRedis } from '../rate-limit/redis-server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const example = (name: string) => readFileSync(join(ROOT, 'examples', 'kubernetes', name), 'utf8');
/** A parsed manifest, walked by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = any;
const manifest = (name: string): Manifest => parse(example(name));

/** The container's env entry named `name`. */
const envOf = (container: Manifest, name: string) => container.env.find((entry: Manifest) => entry.name === name);

function podChecks(pod: Manifest, claim: string) {
  expect(pod.restartPolicy).toBe('Never');
  const [container] = pod.containers;
  for (const name of ['PAGINATE_LIMITER', 'SOUNDCHARTS_APP_ID', 'SOUNDCHARTS_API_KEY']) {
    const entry = envOf(container, name);
    expect(entry.value, `${name} is not written in the manifest`).toBeUndefined();
    expect(entry.valueFrom.secretKeyRef).toMatchObject({ name: 'paginate', key: expect.any(String) });
  }
  expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
  expect(pod.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: claim } });
  const script: string = container.args[0];
  expect(container.command).toEqual(['/bin/sh', '-c']);
  expect(script).toMatch(/exec paginate export soundcharts \S+ .*--state-dir "?\/data\/state\//);
  expect(script).toMatch(/ -o "?\/data\/out\//);
  return script;
}

describe('README "Many exports, one key"', () => {
  it('quotes the checked-in manifests as they are', () => {
    const includes = [...README.matchAll(/<!-- include (\S+) -->\n```\w+\n([\s\S]*?)```\n<!-- \/include -->/g)];
    expect(includes.map((match) => match[1])).toEqual(['examples/kubernetes/pvc.yaml', 'examples/kubernetes/cronjob.yaml', 'examples/kubernetes/indexed-job.yaml', 'examples/kubernetes/Dockerfile']);
    for (const [, path, quoted] of includes) expect(quoted, path).toBe(readFileSync(join(ROOT, path), 'utf8'));
  });

  it('the manifests: a volume claim, a CronJob and an Indexed Job, secrets from a Secret, state and output on the claim', () => {
    const pvc = manifest('pvc.yaml');
    expect(pvc).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { accessModes: ['ReadWriteMany'] } });
    const claim = pvc.metadata.name;

    const cron = manifest('cronjob.yaml');
    expect(cron).toMatchObject({ apiVersion: 'batch/v1', kind: 'CronJob', spec: { schedule: '0 2 * * *', concurrencyPolicy: 'Forbid' } });
    const job = cron.spec.jobTemplate.spec;
    expect(job.podReplacementPolicy).toBe('Failed');
    expect(job.podFailurePolicy.rules).toContainEqual({ action: 'FailJob', onExitCodes: { operator: 'In', values: [2] } });
    podChecks(job.template.spec, claim);

    const indexed = manifest('indexed-job.yaml');
    expect(indexed).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', spec: { completionMode: 'Indexed', podReplacementPolicy: 'Failed' } });
    expect(indexed.spec.podFailurePolicy.rules).toContainEqual({ action: 'FailIndex', onExitCodes: { operator: 'In', values: [2] } });
    const script = podChecks(indexed.spec.template.spec, claim);
    const filterSets = /set -- (.+)\n/.exec(script)![1].split(' ');
    expect(indexed.spec.completions).toBe(filterSets.length);
    expect(indexed.spec.parallelism).toBe(filterSets.length);
  });

  describe('run for real, against the Soundcharts sandbox and a redis-server', () => {
    let redis: TestRedis;
    let sandbox: Awaited<ReturnType<typeof startSandbox>>;
    let work: string;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      redis = await startRedis();
      sandbox = await startSandbox('soundcharts', { size: 8000, latencyMs: 0 });
      work = mkdtempSync(join(tmpdir(), 'paginate-many-'));
      // `paginate` on PATH is the built CLI pointed at the sandbox, as the image's would be at the API.
      mkdirSync(join(work, 'bin'));
      writeFileSync(join(work, 'bin', 'paginate'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@" --base-url '${sandbox.url}'\n`);
      chmodSync(join(work, 'bin', 'paginate'), 0o755);
      env = baseEnv({ ...sandbox.emulator.env, PATH: `${join(work, 'bin')}:${process.env.PATH}`, HOME: work, PAGINATE_LIMITER: redis.url });
    });
    afterAll(async () => {
      await sandbox?.close();
      await redis?.stop();
    });

    const sh = (script: string, extraEnv: NodeJS.ProcessEnv = {}, killAfterRequests?: number): Promise<RunResult> =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const child = spawn('/bin/sh', ['-c', script], { env: { ...env, ...extraEnv }, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const requestsAtStart = sandbox.stats.requests;
        const watch = killAfterRequests === undefined ? undefined : setInterval(() => {
          if (sandbox.stats.requests - requestsAtStart >= killAfterRequests) child.kill('SIGKILL');
        }, 10);
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('error', reject);
        child.on('close', (code, signal) => {
          clearInterval(watch);
          clearTimeout(timer);
          resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
        });
      });
    const expected = (platform: string, metricType = 'followers') => sandbox.emulator.records('artists', { platform, metricType }).map((record) => JSON.stringify(record)).join('\n') + '\n';

    it("the Indexed Job's pod: exports its index's platform, and a rescheduled pod resumes past the dead one's lock", async () => {
      const script: string = manifest('indexed-job.yaml').spec.template.spec.containers[0].args[0];
      const data = join(work, 'data');
      const local = script.replaceAll('/data', data);

      const lost = await sh(local, { JOB_COMPLETION_INDEX: '1' }, 40);
      expect(lost.signal).toBe('SIGKILL');
      const state = join(data, 'state', 'instagram');
      const lock = readdirSync(state).find((name) => name.endsWith('.lock'));
      // The killed pod's lock, as its own host name wrote it: a new pod cannot tell that host is gone.
      expect(lock, 'the killed run left its lock').toBeDefined();
      writeFileSync(join(state, lock!), JSON.stringify({ pid: 1, hostname: 'backfill-1-x7k2p', startedAt: new Date().toISOString() }));
      expect(readdirSync(state).some((name) => name.endsWith('.json')), 'the checkpoint survived').toBe(true);
      // Without the script's clean-up the new pod would refuse the lock (exit 2).
      const bare = /exec (paginate .+)$/m.exec(local)![1].replaceAll('"$platform"', 'instagram').replaceAll('$platform', 'instagram').replaceAll('$metric', 'followers');
      const refused = await sh(bare);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/another paginate run \(pid 1 on backfill-1-x7k2p\) is using this checkpoint/);

      const rescheduled = await sh(local, { JOB_COMPLETION_INDEX: '1' });
      expect(rescheduled.code, rescheduled.stderr).toBe(0);
      expect(rescheduled.stderr).toMatch(/complete \(resumed\)/);
      expect(readFileSync(join(data, 'out', 'artists-instagram.ndjson'), 'utf8')).toBe(expected('instagram'));

      const other = await sh(local, { JOB_COMPLETION_INDEX: '3' });
      expect(other.code, other.stderr).toBe(0);
      expect(readFileSync(join(data, 'out', 'artists-youtube.ndjson'), 'utf8')).toBe(expected('youtube', 'subscribers'));
      expect(existsSync(join(data, 'out', 'artists-spotify.ndjson'))).toBe(false);
    });

    it('the GNU parallel line runs three exports on one budget', async () => {
      const line = /<!-- parallel-line -->\n```sh\n(.+)\n```/.exec(README)![1];
      const ours = line.replace('redis://127.0.0.1:6379', redis.url);
      expect(ours).not.toBe(line);
      sandbox.resetStats();
      const result = await sh(ours);
      expect(result.code, result.stderr).toBe(0);
      for (const platform of ['spotify', 'instagram', 'tiktok']) {
        expect(readFileSync(join(work, `artists-${platform}.ndjson`), 'utf8'), platform).toBe(expected(platform));
        expect(result.stderr).toMatch(new RegExp(`^${platform}\\s+paginate: soundcharts artists: \\d+ records, .*complete$`, 'm'));
      }
      expect(sandbox.stats.statuses[429]).toBeUndefined();
      expect(redis.cli('--scan').trim().split('\n')).toEqual([expect.stringMatching(/^paginate:budget:http:\/\/127\.0\.0\.1:\d+:5000per60000ms:[0-9a-f]{32}$/)]);
    });
  });
});
