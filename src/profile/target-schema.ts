/** Where a value goes in a request: the shared shape of filters, page sizes and cursors. */
import { z } from '../zod.js';

/** Where a value goes in the request. */
export const Location = z.enum(['query', 'body', 'variable', 'path', 'header']);

export const Target = z
  .strictObject({
    in: Location.describe('query parameter, JSON body path, GraphQL variable path, {placeholder} in the path, or header'),
    name: z.string().min(1).describe('parameter name, or dot path for body/variable'),
  })
  .describe('where a value goes in the request');
export type Target = z.infer<typeof Target>;
