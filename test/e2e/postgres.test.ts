/**
 * The README's "CSV straight into PostgreSQL" example, run as written (plus --sandbox) against a
 * real PostgreSQL server started by this test on a private socket folder (no TCP), and the
 * NDJSON-into-jq example. Needs Debian's `postgresql` and `jq` packages (installed by .ci/run);
 * skipped, saying why, without them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator } from '../../sandbox/registry.js';
import { BIN, baseEnv } from './harness.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** The newest /usr/lib/postgresql/<version>/bin that has the server programs. */
function findPostgres(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => ['initdb', 'pg_ctl', 'postgres', 'psql'].every((program) => existsSync(join(root, version, 'bin', program))))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

const pgBin = findPostgres();
const isRoot = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root, the server runs as Debian's `postgres` user. */
const postgresUser = isRoot ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : undefined;
const runAs = isRoot ? ['runuser', '-u', 'postgres', '--'] : [];
const hasJq = spawnSync('jq', ['--version']).status === 0;
const skipReason = !pgBin
  ? 'no PostgreSQL server in /usr/lib/postgresql/*/bin (apt-get install -y postgresql)'
  : isRoot && postgresUser?.status !== 0
    ? 'running as root and there is no `postgres` user to run the server as'
    : undefined;

/** The README's example commands under `heading`, as a user would paste them with --sandbox added. */
function readmeExample(heading: string): string[] {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(heading);
  expect(start, `README.md has no example "${heading}"`).toBeGreaterThanOrEqual(0);
  const block = text.slice(start + heading.length).split(/\n\s*\n|\n```/)[0];
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('export '))
    .map((line) => line.replace(/^paginate export (\S+ \S+)/, 'paginate export $1 --sandbox'));
}

interface Shell {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function bash(command: string, env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<Shell> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function run(command: string[], what: string): void {
  const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`${what} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout || result.error}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(skipReason !== undefined)(`PostgreSQL and jq examples from the README${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dir: string;
  let data: string;
  let started = false;
  /** The environment the README's commands run in: `paginate` and `psql` on PATH, PG* pointing at our server. */
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paginate-pg-'));
    data = join(dir, 'data');
    if (isRoot) {
      const uid = Number(postgresUser!.stdout.trim());
      const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      chownSync(dir, uid, gid);
    }
    const port = await freePort();
    run([...runAs, join(pgBin!, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync'], 'initdb');
    // Unix socket in our folder only (-h ''), on a free port number for the socket's name.
    run([...runAs, join(pgBin!, 'pg_ctl'), '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '20', '-o', `-k ${dir} -h '' -p ${port} -c fsync=off`, 'start'], 'pg_ctl start');
    started = true;

    const bin = join(dir, 'bin');
    run(['mkdir', '-p', bin], 'mkdir');
    writeFileSync(join(bin, 'paginate'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
    chmodSync(join(bin, 'paginate'), 0o755);
    env = baseEnv({ PATH: `${bin}:${pgBin}:${process.env.PATH}`, PGHOST: dir, PGPORT: String(port), PGUSER: 'postgres', PGDATABASE: 'postgres' });
  }, 60_000);

  afterAll(() => {
    if (started) {
      const stop = [...runAs, join(pgBin!, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
      spawnSync(stop[0], stop.slice(1), { timeout: 20_000 });
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('artsy artists | psql "\\copy artists from stdin csv header": every row, values byte-exact', { timeout: 30_000 }, async () => {
    const commands = readmeExample('# Artsy: CSV straight into PostgreSQL');
    expect(commands).toEqual([
      'psql -c "create table artists (id text, name text, birthday text, nationality text)"',
      'paginate export artsy artists --sandbox --format csv --fields id,name,birthday,nationality | psql -c "\\copy artists from stdin csv header"',
    ]);
    for (const command of commands) {
      const result = await bash(command, env, 25_000);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
      expect(result.stderr, `${command}: stderr is the summary only`).toMatch(/^(paginate: artsy artists: 4000 records, 40 pages, .*; complete\n)?$/);
    }

    const expected = (createEmulator('artsy').records('artists', {}) as Array<Record<string, unknown>>).map((artist) =>
      ['id', 'name', 'birthday', 'nationality'].map((field) => (artist[field] === undefined || artist[field] === null ? null : String(artist[field]))),
    );
    const count = await bash('psql -At -c "select count(*) from artists"', env);
    expect(count.stdout.trim(), 'rows in the table').toBe(String(expected.length));
    const dump = await bash('psql -At -c "select json_agg(json_build_array(id, name, birthday, nationality)) from artists"', env);
    expect(dump.code, dump.stderr).toBe(0);
    const rows = JSON.parse(dump.stdout) as Array<Array<string | null>>;
    const byId = (a: Array<string | null>, b: Array<string | null>) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0);
    rows.sort(byId);
    const sorted = [...expected].sort(byId);
    const first = rows.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(sorted[i]));
    expect(first, `row ${first} differs: table ${JSON.stringify(rows[first])}, sandbox ${JSON.stringify(sorted[first])}`).toBe(-1);

    // The awkward ones, spelled out: quotes, commas, a newline, a tab, a backslash, Cyrillic, CJK, Arabic, and "" that must stay '' (not NULL).
    const names = new Set(rows.map((row) => row[1]));
    for (const name of ['The "Quoted" Band', 'Smith, Jones & Co', 'Line\nBreak', 'Tab\tSeparated', 'Back\\slash', 'Мумий Тролль', '坂本龍一', 'عمرو دياب', '']) {
      expect(names.has(name), `the name ${JSON.stringify(name)} round-trips`).toBe(true);
    }
    const nulls = await bash('psql -At -c "select count(*) from artists where name is null or birthday is null or nationality is null"', env);
    expect(nulls.stdout.trim(), 'empty strings arrive as empty strings, not NULL').toBe('0');
  });

  it('the cron section: incremental NDJSON on stdout upserted by primary key, a repeated record updates its row', { timeout: 60_000 }, async () => {
    const commands = readmeExample('# PostgreSQL: upsert new SoundCloud tracks by urn; a repeated record updates its row');
    expect(commands).toHaveLength(2);
    expect(commands[1]).toMatch(/^paginate export soundcloud user-tracks --sandbox .*--incremental .*\| psql /);
    const user = 'soundcloud:users:948745750';
    const tracks = createEmulator('soundcloud').records('user-tracks', { user, access: 'playable,preview,blocked', sort: 'desc' }) as Array<{ urn: string; title: string }>;
    const rows = async () => (await bash('psql -At -c "select count(*) from tracks"', env)).stdout.trim();
    for (const command of commands) {
      const result = await bash(command, env, 40_000);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
    }
    expect(await rows(), 'rows after the first run').toBe(String(tracks.length));
    const again = await bash(commands[1], env, 40_000);
    expect(again.code, again.stderr).toBe(0);
    // At least once: --restart sends every record again, and the upsert keeps one row each.
    const repeated = await bash(commands[1].replace('--incremental', '--incremental --restart'), env, 40_000);
    expect(repeated.code, repeated.stderr).toBe(0);
    expect(await rows(), 'rows after every record was sent twice').toBe(String(tracks.length));
    const titles = await bash(`psql -At -c "select json_object_agg(urn, doc->'title') from tracks"`, env);
    const byUrn = JSON.parse(titles.stdout) as Record<string, string>;
    const differs = tracks.filter((track) => byUrn[track.urn] !== track.title);
    expect(differs.map((track) => track.title), 'titles arrive byte-exact: quotes, backslashes, newlines, tabs').toEqual([]);
    expect(tracks.some((track) => /[\\"\n\t]/.test(track.title)), 'the sandbox has awkward titles to check').toBe(true);
  });

  it.skipIf(!hasJq)('podchaser podcasts | jq -r .title (needs jq)', { timeout: 30_000 }, async () => {
    const titles = (createEmulator('podchaser').records('podcasts', {}) as Array<{ title: string }>).map((podcast) => podcast.title);

    const fifty = await bash('paginate export podchaser podcasts --sandbox --max-items 50 | jq -r .title | wc -l', env);
    expect(fifty.code, fifty.stderr).toBe(0);
    // None of the first 50 titles has a newline, so 50 records are 50 lines.
    expect(titles.slice(0, 50).some((title) => title.includes('\n'))).toBe(false);
    expect(fifty.stdout.trim(), 'lines out of jq').toBe('50');

    const [command] = readmeExample('# Podchaser (GraphQL cursor pagination) into jq');
    expect(command).toBe('paginate export podchaser podcasts --sandbox --filter sort-by=FOLLOWER_COUNT --max-items 5000 | jq -r .title');
    const all = await bash(command, env, 25_000);
    expect(all.code, all.stderr).toBe(0);
    // The sandbox has 2,500 podcasts, fewer than --max-items: every title, in FOLLOWER_COUNT order.
    expect(all.stdout, 'the titles jq printed').toBe(`${titles.join('\n')}\n`);
  });
});
