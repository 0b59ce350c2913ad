/**
 * Defence in depth for "never a credential in a checkpoint": positions come from the server, and a
 * next URL may echo the API key back, so what is about to be written is checked against every
 * known secret, raw and URL-encoded, as it appears inside JSON.
 */
import { failure } from '../errors.js';
import type { Checkpoint } from './checkpoint.js';

/** Throws CHECKPOINT_SECRET naming the field, never the value. Secrets shorter than 4 are ignored, as in redaction. */
export function assertNoSecrets(checkpoint: Checkpoint, secrets: readonly string[], path: string): void {
  const refuse = (field: string) =>
    failure('CHECKPOINT_SECRET', `refusing to write checkpoint ${path}: its ${field} would contain a credential`);
  // The key and the names in the command are the user's own words (a public sandbox key may even equal
  // the profile name); what came from the server or from filter values is what could carry a secret.
  const { key: _key, command, ...rest } = checkpoint;
  const checked = { ...rest, command: { filters: command.filters, fields: command.fields, output: command.output } };
  for (const [field, value] of Object.entries(checked)) {
    if (holdsSecret(value, secrets)) throw refuse(field);
  }
  if (hasUserinfo(checkpoint.position.url)) throw refuse('position');
}

/** True when `value`'s JSON holds a known secret, raw or URL-encoded; secrets shorter than 4 are ignored. */
export function holdsSecret(value: unknown, secrets: readonly string[]): boolean {
  const json = JSON.stringify(value) ?? '';
  return secrets
    .filter((secret) => secret.length >= 4)
    .flatMap((secret) => [secret, encodeURIComponent(secret)])
    .some((form) => json.includes(JSON.stringify(form).slice(1, -1)));
}

/** `https://user:password@host/…` is a credential even when it is not a known secret. */
function hasUserinfo(url: string | undefined): boolean {
  if (url === undefined || !URL.canParse(url)) return false;
  const { username, password } = new URL(url);
  return username !== '' || password !== '';
}
