/**
 * Selection sets against a fixed schema: check that each selected field exists (and has
 * subfields exactly when it is an object), count the leaves a query asks for, and build the
 * response object in the query's field order, under aliases.
 */
import { GraphQLError } from './error.js';
import { keyOf, type FieldNode } from './parser.js';

/** An object type: each field is a leaf (`null`) or another object type (lists are transparent). */
export interface ObjectType {
  readonly name: string;
  readonly fields: Readonly<Record<string, ObjectType | null>>;
}

export function validateSelection(selections: readonly FieldNode[], type: ObjectType): void {
  for (const field of selections) {
    if (field.name === '__typename') continue;
    if (!(field.name in type.fields)) {
      throw new GraphQLError(`Cannot query field "${field.name}" on type "${type.name}".`);
    }
    const fieldType = type.fields[field.name];
    if (fieldType === null && field.selections) {
      throw new GraphQLError(`Field "${field.name}" must not have a selection since its type has no subfields.`);
    }
    if (fieldType !== null && !field.selections) {
      throw new GraphQLError(`Field "${field.name}" of type "${fieldType.name}" must have a selection of subfields.`);
    }
    if (fieldType !== null) validateSelection(field.selections as FieldNode[], fieldType);
  }
}

/** Leaf fields selected, nested ones included: what a query's cost counts per record. */
export const countLeaves = (selections: readonly FieldNode[]): number =>
  selections.reduce((sum, field) => sum + (field.selections ? countLeaves(field.selections) : 1), 0);

/** The selected part of `value` (an object, a list of them, or null), keyed as the query asks. */
export function project(value: unknown, selections: readonly FieldNode[], type: ObjectType): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => project(item, selections, type));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of selections) {
    const fieldType = type.fields[field.name];
    out[keyOf(field)] =
      field.name === '__typename'
        ? type.name
        : fieldType && field.selections
          ? project(source[field.name], field.selections, fieldType)
          : source[field.name];
  }
  return out;
}
