import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadProfile, parseProfile, listProfiles } from '../../src/profile/load.js';
import { resolveExport } from '../../src/profile/resolve.js';
import { profileJsonSchema } from '../../src/profile/json-schema.js';
import { withFieldReference } from '../../src/profile/field-reference.js';
import { PaginateError } from '../../src/errors.js';

const builtIn = { PAGINATE_PROFILES: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent' };
const SHIPPED = ['artsy', 'podchaser', 'soundcharts', 'soundcloud', 'starting-at'];

function usageErrorOf(run: () => unknown): PaginateError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PaginateError);
    expect((error as PaginateError).exitCode).toBe(2);
    return error as PaginateError;
  }
  throw new Error('expected a usage error');
}

describe('shipped profiles', () => {
  it('lists one profile per provider and each validates', () => {
    expect(listProfiles(builtIn).map((entry) => entry.name)).toEqual(SHIPPED);
    for (const name of SHIPPED) expect(loadProfile({ name }, builtIn).profile.name).toBe(name);
  });

  it('the committed JSON Schema is the one generated from the zod schema', () => {
    const committed = JSON.parse(readFileSync(new URL('../../profiles/profile.schema.json', import.meta.url), 'utf8'));
    expect(committed, 'profiles/profile.schema.json drifted: run `npm run schema`').toEqual(profileJsonSchema());
  });

  it("docs/profiles.md's field reference is the one generated from the schema, and names every field", () => {
    const docs = readFileSync(new URL('../../docs/profiles.md', import.meta.url), 'utf8');
    expect(docs === withFieldReference(docs, profileJsonSchema() as never), 'docs/profiles.md drifted: run `npm run schema`').toBe(true);
    for (const field of ['records', 'pagination.has_more', 'pagination.total_header', 'pagination.cursor_from', 'pagination.stop_on_short_page', 'pagination.page_size.max', 'auth[].token.token_path']) {
      expect(docs).toContain(field);
    }
  });

  it('soundcharts puts filters into the JSON body and the window into the query', () => {
    const { profile } = loadProfile({ name: 'soundcharts' }, builtIn);
    const env = { SOUNDCHARTS_APP_ID: 'id', SOUNDCHARTS_API_KEY: 'key' };
    const resolved = resolveExport(profile, { filters: [['min', '10000'], ['platform', 'instagram']] }, env);
    expect(resolved.base.method).toBe('POST');
    expect(resolved.base.url.href).toBe('https://customer.api.soundcharts.com/api/v2/top/artists?limit=100');
    expect(resolved.base.body).toEqual({
      sort: { platform: 'instagram', metricType: 'followers', period: 'month', sortBy: 'total', order: 'desc' },
      filters: [{ type: 'metric', data: { platform: 'instagram', metricType: 'followers', min: '10000' } }],
    });
    expect(resolved.auth.headers).toEqual({ 'x-app-id': 'id', 'x-api-key': 'key' });
  });

  it('podchaser sends filters and page size as GraphQL variables', () => {
    const { profile } = loadProfile({ name: 'podchaser' }, builtIn);
    const resolved = resolveExport(profile, { filters: [['direction', 'ASCENDING']], pageSize: 20 }, { PODCHASER_API_TOKEN: 't0ken' });
    const body = resolved.base.body as { query: string; variables: Record<string, unknown> };
    expect(body.query).toContain('paginationType: CURSOR');
    expect(body.variables).toEqual({ sort: { sortBy: 'FOLLOWER_COUNT', direction: 'ASCENDING' }, first: 20 });
    expect(resolved.auth.headers).toEqual({ Authorization: 'Bearer t0ken' });
  });

  it('soundcloud puts the user URN, percent-encoded, into the path', () => {
    const { profile } = loadProfile({ name: 'soundcloud' }, builtIn);
    const resolved = resolveExport(profile, { filters: [['user', 'soundcloud:users:123']] }, { SOUNDCLOUD_ACCESS_TOKEN: 'tok' });
    expect(resolved.base.url.pathname).toBe('/users/soundcloud%3Ausers%3A123/tracks');
    expect(resolved.base.url.searchParams.get('linked_partitioning')).toBe('true');
  });

  it('artsy falls back to client credentials when no token is set', () => {
    const { profile } = loadProfile({ name: 'artsy' }, builtIn);
    const resolved = resolveExport(profile, {}, { ARTSY_CLIENT_ID: 'cid', ARTSY_CLIENT_SECRET: 'csecret' });
    expect(resolved.auth.token).toMatchObject({ url: 'https://api.artsy.net/api/tokens/xapp_token', json: { client_id: 'cid', client_secret: 'csecret' } });
    expect(resolved.auth.secrets).toEqual(['cid', 'csecret']);
  });
});

describe('bad input is a usage error that says what to do', () => {
  const { profile } = loadProfile({ name: 'soundcharts' }, builtIn);
  const env = { SOUNDCHARTS_APP_ID: 'id', SOUNDCHARTS_API_KEY: 'key' };

  it('unknown filter lists the valid ones and suggests the closest', () => {
    const error = usageErrorOf(() => resolveExport(profile, { filters: [['platfrom', 'x']] }, env));
    expect(error.message).toMatch(/unknown filter "platfrom".*did you mean "platform".*valid filters: platform, metric-type/);
  });

  it('missing environment variable names it', () => {
    const error = usageErrorOf(() => resolveExport(profile, {}, { SOUNDCHARTS_APP_ID: 'id' }));
    expect(error.message).toContain('SOUNDCHARTS_API_KEY');
    expect(error.message).not.toContain('SOUNDCHARTS_APP_ID and');
  });

  it('soundcloud playlists ask for their tracks by default, as the API does; show-tracks=false leaves them out', () => {
    const { profile } = loadProfile({ name: 'soundcloud' }, builtIn);
    const env = { SOUNDCLOUD_ACCESS_TOKEN: 't' };
    for (const endpoint of ['user-playlists', 'my-playlists']) {
      const filters: [string, string][] = endpoint === 'user-playlists' ? [['user', 'soundcloud:users:1']] : [];
      const byDefault = resolveExport(profile, { endpoint, filters }, env);
      expect(byDefault.filters['show-tracks']).toBe(true);
      expect(byDefault.base.url.searchParams.get('show_tracks')).toBe('true');
      const without = resolveExport(profile, { endpoint, filters: [...filters, ['show-tracks', 'false']] }, env);
      expect(without.base.url.searchParams.get('show_tracks')).toBe('false');
    }
  });

  it('starting-at goes to EduFocal\'s API unless STARTING_AT_BASE_URL or --base-url (which wins) replace it', () => {
    const startingAt = loadProfile({ name: 'starting-at' }, builtIn).profile;
    const env = { STARTING_AT_TOKEN: 't' };
    expect(resolveExport(startingAt, {}, env).base.url.href).toBe('https://api.edufocal.com/items?limit=100');
    expect(resolveExport(startingAt, {}, { ...env, STARTING_AT_BASE_URL: '' }).origin).toBe('https://api.edufocal.com');
    expect(resolveExport(startingAt, {}, { ...env, STARTING_AT_BASE_URL: 'http://127.0.0.1:9' }).origin).toBe('http://127.0.0.1:9');
    expect(resolveExport(startingAt, { baseUrl: 'http://localhost:8' }, { ...env, STARTING_AT_BASE_URL: 'http://127.0.0.1:9' }).origin).toBe('http://localhost:8');
    expect(usageErrorOf(() => resolveExport(startingAt, {}, { ...env, STARTING_AT_BASE_URL: 'api.example.com' })).message).toMatch(/invalid base URL "api\.example\.com"/);
  });

  it('unknown endpoint, bad enum, bad pattern, page size above the maximum, bad base URL', () => {
    expect(usageErrorOf(() => resolveExport(profile, { endpoint: 'artist' }, env)).message).toMatch(/no endpoint "artist".*did you mean "artists"/);
    expect(usageErrorOf(() => resolveExport(profile, { filters: [['order', 'up']] }, env)).message).toContain('expected one of asc, desc');
    expect(usageErrorOf(() => resolveExport(profile, { filters: [['min', 'lots']] }, env)).message).toContain('--filter min=lots');
    expect(usageErrorOf(() => resolveExport(profile, { pageSize: 500 }, env)).message).toContain("above the provider's maximum of 100");
    expect(usageErrorOf(() => resolveExport(profile, { baseUrl: 'not a url' }, env)).message).toContain('invalid base URL');
    expect(usageErrorOf(() => resolveExport(profile, { baseUrl: 'ftp://x' }, env)).message).toContain('only http and https');
  });

  it('a required filter that is missing', () => {
    const soundcloud = loadProfile({ name: 'soundcloud' }, builtIn).profile;
    expect(usageErrorOf(() => resolveExport(soundcloud, {}, { SOUNDCLOUD_ACCESS_TOKEN: 't' })).message).toContain('needs --filter user=VALUE');
  });

  it('unknown profile suggests the closest', () => {
    expect(usageErrorOf(() => loadProfile({ name: 'soundchart' }, builtIn)).message).toMatch(/did you mean "soundcharts"/);
  });

  it('broken YAML names the file and line', () => {
    expect(usageErrorOf(() => parseProfile('name: x\n  bad: [', 'my.yaml')).message).toMatch(/^my\.yaml: not valid YAML: line \d+/);
  });

  it('an invalid path is refused with its field path and the reason', () => {
    const profile = (records: string) => `name: t\nbase_url: https://api.test\nendpoints:\n  items:\n    path: /items\n    records: '${records}'\n    pagination: {kind: link_header}\n`;
    expect(usageErrorOf(() => parseProfile(profile('$.data[?@.x ==]'), 'my.yaml')).message).toMatch(/^my\.yaml: endpoints\.items\.records: not a valid path: .*\(expected a JSONPath such as \$/);
    expect(usageErrorOf(() => parseProfile(profile('.'), 'my.yaml')).message).toMatch(/endpoints\.items\.records: empty path: write \$ for the response body itself/);
    for (const good of ['$', '$[*]', 'data.items.edges[*].node', 'edges.*.node', '$.data.items.edges[*].node']) {
      expect(parseProfile(profile(good), 'my.yaml').endpoints.items.records).toBe(good);
    }
  });

  it('a schema-invalid profile reports every problem with its field path', () => {
    const text = `name: demo\nbase_url: https://x.test\nendpoints:\n  items:\n    path: items\n    records: data\n    pagination: {kind: cursor, cursor: next}\n`;
    const message = usageErrorOf(() => parseProfile(text, 'demo.yaml')).message;
    expect(message).toContain('demo.yaml: endpoints.items.path: expected a path starting with /');
    expect(message).toContain('demo.yaml: endpoints.items.pagination.param:');
  });
});
