/** The path type of profile fields, shared by the profile's schemas. */
import { z } from '../zod.js';
import { compileQuery, QuerySyntaxError } from '../json/query.js';

/** RFC 9535 JSONPath or its dot short form; compiled here, so a path that validates also runs. */
export const JsonPath = z
  .string()
  .superRefine((path, ctx) => {
    try {
      compileQuery(path);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      ctx.addIssue({ code: 'custom', message: `${error.message} (expected a JSONPath such as $, $.data[*] or page.cursor)` });
    }
  })
  .meta({ title: 'JSONPath', examples: ['items', 'page.cursor', '$', '$.data.items.edges[*].node'] });
