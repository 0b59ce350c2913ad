import { getPath } from '../json/path.js';

/** The message an API put in its error body, whatever its shape. */
export function apiMessage(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const path of ['message', 'error_description', 'errors.0.message', 'error.message', 'error', 'detail']) {
    const value = getPath(body, path);
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
