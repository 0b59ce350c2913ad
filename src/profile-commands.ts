/** `paginate profiles show | validate | schema`. */
import type { Writable } from 'node:stream';
import { existsSync } from 'node:fs';
import { packagePath } from './package-root.js';
import { ExitCode, isPaginateError } from './errors.js';
import { loadProfile, loadProfileFile } from './profile/load.js';
import { variablesIn } from './profile/auth.js';
import { baseUrlVariable, endpointNameOf } from './profile/resolve.js';
import type { Endpoint, Profile } from './profile/schema.js';

/** A name from the profile folders, or a path to a profile file (`./my-api.yaml`). */
export function showProfileCommand(nameOrFile: string, stdout: Writable, env: NodeJS.ProcessEnv = process.env): void {
  const isFile = /[/\\]/.test(nameOrFile) || (/\.(ya?ml|json)$/i.test(nameOrFile) && existsSync(nameOrFile));
  const { profile, file } = isFile ? loadProfileFile(nameOrFile) : loadProfile({ name: nameOrFile }, env);
  stdout.write(describeProfile(profile, file, env));
}

/** A human description of a profile; says whether each variable is set, never its value. */
export function describeProfile(profile: Profile, file: string, env: NodeJS.ProcessEnv): string {
  const baseVariables = variablesIn(profile.base_url).map((variable) => `${variable} (${env[variable] ? 'set' : 'not set'})`);
  const override = baseUrlVariable(profile.name);
  const replaced = `${override} (${env[override] ? 'set' : 'not set'}) or --base-url replaces it`;
  const baseUrl = baseVariables.length > 0 ? `${profile.base_url}: ${baseVariables.join(', ')}; ${replaced}` : `${profile.base_url}; ${replaced}`;
  const lines = [`${profile.name}${profile.description ? ` — ${profile.description}` : ''}`, `  file: ${file}`, `  base URL: ${baseUrl}`];
  lines.push(`  rate limit: ${profile.rate_limit ?? 'none declared'}`);
  profile.auth.forEach((method, index) => {
    const names = variablesIn(JSON.stringify(method));
    const state = names.map((variable) => `${variable} (${env[variable] ? 'set' : 'not set'})`).join(', ');
    lines.push(`  auth${profile.auth.length > 1 ? ` option ${index + 1}` : ''}: ${'token' in method ? 'token from ' + method.token.url + ' with ' : ''}${state}`);
  });
  for (const [endpointName, endpoint] of Object.entries(profile.endpoints)) {
    const isDefault = endpointName === endpointNameOf(profile);
    lines.push('', `  endpoint ${endpointName}${isDefault ? ' (default)' : ''}: ${endpoint.graphql ? 'POST (GraphQL)' : endpoint.method} ${endpoint.path}`);
    if (endpoint.description) lines.push(`    ${endpoint.description}`);
    lines.push(...fixedParameters(endpoint), ...paginationLines(endpoint));
    const incremental = endpoint.incremental;
    if (incremental) {
      const how = 'unsupported' in incremental ? `not available — ${incremental.unsupported}` : `${incremental.mode.replace('_', ' ')} on ${incremental.field} (${incremental.type}), key ${incremental.key}`;
      lines.push(`    --incremental: ${how}`);
    }
    const filters = Object.entries(endpoint.filters);
    if (filters.length === 0) lines.push('    filters: none');
    for (const [filterName, filter] of filters) {
      const where = `${filter.in} ${Array.isArray(filter.name) ? filter.name.join(' + ') : filter.name}`;
      const type = filter.enum ? filter.enum.join('|') : filter.type;
      const extra = [filter.required ? 'required' : undefined, filter.default !== undefined ? `default ${filter.default}` : undefined]
        .filter(Boolean)
        .join(', ');
      lines.push(`    --filter ${filterName}=<${type}>  → ${where}${extra ? ` (${extra})` : ''}${filter.description ? ` — ${filter.description}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function fixedParameters(endpoint: Endpoint): string[] {
  const lines: string[] = [];
  const query = Object.entries(endpoint.query);
  if (query.length > 0) lines.push(`    fixed query: ${query.map(([name, value]) => `${name}=${value}`).join('&')}`);
  if (endpoint.body) lines.push(`    fixed body: ${JSON.stringify(endpoint.body)}`);
  if (endpoint.graphql && Object.keys(endpoint.graphql.variables).length > 0) lines.push(`    fixed variables: ${JSON.stringify(endpoint.graphql.variables)}`);
  return lines;
}

function paginationLines(endpoint: Endpoint): string[] {
  const p = endpoint.pagination;
  const size = p.page_size ? `, page size ${p.page_size.default}${p.page_size.max === undefined ? '' : ` (max ${p.page_size.max})`} in ${p.page_size.in} ${p.page_size.name}` : '';
  const next =
    p.kind === 'cursor'
      ? `the cursor ${p.cursor_from === 'last_record' ? `from the last record's ${p.cursor}` : `at ${p.cursor}`} → ${p.param.in} ${p.param.name}`
      : p.kind === 'next_url'
        ? `the URL at ${p.next}`
        : p.kind === 'link_header'
          ? `the Link header's rel="${p.rel}" URL`
          : p.kind === 'hybrid'
            ? `${p.offset.in} ${p.offset.name} inside the window, then the cursor at ${p.cursor} → ${p.param.in} ${p.param.name}`
            : `${p.param.in} ${p.param.name}, from ${p.start}`;
  const stops: string[] = [];
  if (p.kind !== 'hybrid') {
    if (p.has_more) stops.push(`${p.has_more} is false`);
    if (p.stop_on_short_page) stops.push('a page is short');
    if (p.kind === 'page' && p.total_pages) stops.push(`the last of ${p.total_pages} pages is read`);
  }
  if ((p.kind === 'hybrid' || p.stop_at_total) && (p.total ?? p.total_header)) stops.push(`the total (${p.total ? `at ${p.total}` : `header ${p.total_header}`}) is reached`);
  const lines = [`    pagination: ${p.kind}${p.kind === 'hybrid' ? ` (window ${p.window})` : ''}${size}`, `    next page: ${next}`, `    records at: ${endpoint.records}`];
  if (stops.length > 0) lines.push(`    also stops when: ${stops.join(', or ')}`);
  return lines;
}

export function validateProfileCommand(file: string, stdout: Writable, stderr: Writable): ExitCode {
  try {
    loadProfileFile(file);
    stdout.write(`${file}: valid\n`);
    return ExitCode.ok;
  } catch (error) {
    if (!isPaginateError(error)) throw error;
    stderr.write(`${error.message}\n`);
    return ExitCode.usage;
  }
}

/** The JSON Schema shipped with the package, for a profile's `$schema` and for editors. */
export const SCHEMA_FILE = packagePath('profiles/profile.schema.json');
