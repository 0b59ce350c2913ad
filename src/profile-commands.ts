/** `paginate profiles show | validate`. */
import type { Writable } from 'node:stream';
import { ExitCode, isPaginateError } from './errors.js';
import { loadProfile, loadProfileFile } from './profile/load.js';
import { variablesIn } from './profile/auth.js';
import type { Profile } from './profile/schema.js';

export function showProfileCommand(name: string, stdout: Writable, env: NodeJS.ProcessEnv = process.env): void {
  const { profile, file } = loadProfile({ name }, env);
  stdout.write(describeProfile(profile, file, env));
}

/** A human description of a profile; says whether each variable is set, never its value. */
export function describeProfile(profile: Profile, file: string, env: NodeJS.ProcessEnv): string {
  const baseVariables = variablesIn(profile.base_url).map((variable) => `${variable} (${env[variable] ? 'set' : 'not set'})`);
  const baseUrl = baseVariables.length > 0 ? `${profile.base_url}: ${baseVariables.join(', ')}, or --base-url` : profile.base_url;
  const lines = [`${profile.name}${profile.description ? ` — ${profile.description}` : ''}`, `  file: ${file}`, `  base URL: ${baseUrl}`];
  lines.push(`  rate limit: ${profile.rate_limit ?? 'none declared'}`);
  profile.auth.forEach((method, index) => {
    const names = variablesIn(JSON.stringify(method));
    const state = names.map((variable) => `${variable} (${env[variable] ? 'set' : 'not set'})`).join(', ');
    lines.push(`  auth${profile.auth.length > 1 ? ` option ${index + 1}` : ''}: ${'token' in method ? 'token from ' + method.token.url + ' with ' : ''}${state}`);
  });
  for (const [endpointName, endpoint] of Object.entries(profile.endpoints)) {
    const isDefault = endpointName === (profile.default_endpoint ?? Object.keys(profile.endpoints)[0]);
    lines.push('', `  endpoint ${endpointName}${isDefault ? ' (default)' : ''}: ${endpoint.graphql ? 'POST (GraphQL)' : endpoint.method} ${endpoint.path}`);
    if (endpoint.description) lines.push(`    ${endpoint.description}`);
    const pagination = endpoint.pagination;
    const size = pagination.page_size ? `, page size ${pagination.page_size.default} (max ${pagination.page_size.max})` : '';
    lines.push(`    pagination: ${pagination.kind}${'window' in pagination ? ` (window ${pagination.window})` : ''}${size}`);
    lines.push(`    records at: ${endpoint.records}`);
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
