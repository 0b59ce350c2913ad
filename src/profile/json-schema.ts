/** The JSON Schema editors use for profiles, generated from the zod schema so the two never drift. */
import { z } from '../zod.js';
import { Profile } from './schema.js';

export function profileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Profile, { io: 'input', unrepresentable: 'any' }),
    title: 'paginate provider profile',
  };
}
