/**
 * The field reference of docs/profiles.md, rendered from the profile's JSON Schema (itself generated
 * from the zod schema), so the documentation says what the validator accepts. Pure: schema in,
 * Markdown out; scripts/write-profile-schema.js writes it and a test fails when it drifts.
 */
type Schema = {
  title?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  examples?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  pattern?: string;
};

interface Section {
  title: string;
  intro?: string;
  rows: string[];
}

export function renderFieldReference(schema: Schema): string {
  const sections: Section[] = [];
  collect(schema, '', { title: 'Top level', rows: [] }, sections);
  return sections
    .filter((section) => section.rows.length > 0)
    .map((section) => {
      const head = [`### ${section.title}`, ''];
      if (section.intro) head.push(section.intro, '');
      return [...head, '| field | type | default | meaning |', '|---|---|---|---|', ...section.rows, ''].join('\n');
    })
    .join('\n');
}

function collect(schema: Schema, prefix: string, section: Section, sections: Section[]): void {
  if (!sections.includes(section)) sections.push(section);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const required = schema.required?.includes(name) ?? false;
    const variants = child.oneOf ?? (child.anyOf?.every((variant) => variant.properties) ? child.anyOf : undefined);
    if (variants) {
      const byKind = variants.every((variant) => variant.properties?.kind?.const !== undefined);
      section.rows.push(row(path, byKind ? 'object, by `kind`' : 'object, one of the forms below', required, child, 'one of the kinds below'));
      variants.forEach((variant, index) => {
        const { kind, ...rest } = variant.properties ?? {};
        const title = byKind ? `${path} — kind: ${String(kind?.const)}` : `${path} — form ${index + 1}${variant.description ? `: ${variant.description}` : ''}`;
        collect({ ...variant, properties: byKind ? rest : variant.properties }, path, { title, intro: byKind ? variant.description : undefined, rows: [] }, sections);
      });
      continue;
    }
    section.rows.push(row(path, typeOf(child), required, child));
    if (child.properties) collect(child, path, section, sections);
    const entry = typeof child.additionalProperties === 'object' ? child.additionalProperties : undefined;
    if (entry?.properties) {
      const key = `<${name === 'endpoints' ? 'endpoint' : name.replace(/s$/, '')}>`;
      collect(entry, `${path}.${key}`, { title: `${path}.${key}`, intro: entry.description, rows: [] }, sections);
    }
    for (const item of child.items?.anyOf ?? (child.items?.properties ? [child.items] : [])) {
      collect(item, `${path}[]`, { title: `${path}[] — ${item.description ?? 'item'}`, rows: [] }, sections);
    }
  }
}

function row(path: string, type: string, required: boolean, schema: Schema, note?: string): string {
  const fallback = schema.default === undefined ? (required ? '**required**' : '') : `\`${JSON.stringify(schema.default)}\``;
  const examples = schema.examples?.length && schema.title !== 'JSONPath' ? ` Examples: ${schema.examples.map((example) => `\`${JSON.stringify(example)}\``).join(', ')}.` : '';
  const said = schema.description ?? note ?? '';
  const meaning = `${said}${said && examples && !/[.!?]$/.test(said) ? '.' : ''}${examples}`.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return `| \`${path}\` | ${type} | ${fallback} | ${meaning} |`;
}

function typeOf(schema: Schema): string {
  if (schema.title === 'JSONPath') return 'path';
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(' \\| ');
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.type === 'array') return schema.items ? `list of ${typeOf(schema.items)}` : 'list';
  if (schema.type === 'object') {
    const entry = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    if (entry && !schema.properties) return entry.properties ? 'map of objects' : `map of ${typeOf(entry)}`;
    return 'object';
  }
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return schema.type ?? 'any';
}

const START = '<!-- fields:start -->';
const END = '<!-- fields:end -->';

/** The document with the text between its field-reference markers replaced by the rendered reference. */
export function withFieldReference(document: string, schema: Schema): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start === -1 || end < start) throw new Error(`the document has no ${START} … ${END} markers`);
  return `${document.slice(0, start + START.length)}\n\n${renderFieldReference(schema)}\n${document.slice(end)}`;
}
