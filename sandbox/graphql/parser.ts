/**
 * A small GraphQL parser for the Podchaser emulator: operations, variable definitions with
 * defaults, fields with aliases, arguments and selection sets. Fragments and directives are
 * refused with a clear error rather than half-supported.
 */
import { GraphQLError } from './error.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';

export type ValueNode =
  | { kind: 'variable'; name: string }
  | { kind: 'int' | 'float'; value: number }
  | { kind: 'string' | 'enum'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'list'; values: ValueNode[] }
  | { kind: 'object'; fields: Map<string, ValueNode> };

export interface FieldNode {
  alias?: string;
  name: string;
  args: Map<string, ValueNode>;
  /** Undefined for a leaf field. */
  selections?: FieldNode[];
}

export interface OperationNode {
  operation: string;
  name?: string;
  /** Declared variables and their default values. */
  variables: Map<string, ValueNode | undefined>;
  selections: FieldNode[];
}

/** The response key of a field: its alias, else its name. */
export const keyOf = (field: FieldNode): string => field.alias ?? field.name;

export function parseDocument(source: string): OperationNode[] {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token => tokens[position];
  const at = (kind: TokenKind, value?: string): boolean =>
    peek().kind === kind && (value === undefined || peek().value === value);
  const fail = (expected: string): never => {
    const token = peek();
    throw new GraphQLError(`Syntax Error: Expected ${expected}, found "${token.value}" at offset ${token.offset}.`);
  };
  const expect = (kind: TokenKind, value?: string): Token =>
    at(kind, value) ? tokens[position++] : fail(value ?? kind);
  const skip = (kind: TokenKind, value: string): boolean => {
    if (!at(kind, value)) return false;
    position++;
    return true;
  };

  function unsupported(what: string): never {
    throw new GraphQLError(`${what} are not supported by the Podchaser sandbox.`);
  }

  function value(): ValueNode {
    if (skip('punctuator', '$')) return { kind: 'variable', name: expect('name').value };
    const token = peek();
    if (token.kind === 'int' || token.kind === 'float' || token.kind === 'string') {
      position++;
      if (token.kind === 'string') return { kind: 'string', value: token.value };
      return { kind: token.kind, value: Number(token.value) };
    }
    if (skip('punctuator', '[')) {
      const values: ValueNode[] = [];
      while (!skip('punctuator', ']')) values.push(value());
      return { kind: 'list', values };
    }
    if (skip('punctuator', '{')) {
      const fields = new Map<string, ValueNode>();
      while (!skip('punctuator', '}')) {
        const fieldName = expect('name').value;
        expect('punctuator', ':');
        fields.set(fieldName, value());
      }
      return { kind: 'object', fields };
    }
    const word = expect('name').value;
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
    return word === 'null' ? { kind: 'null' } : { kind: 'enum', value: word };
  }

  function typeReference(): void {
    if (skip('punctuator', '[')) {
      typeReference();
      expect('punctuator', ']');
    } else expect('name');
    skip('punctuator', '!');
  }

  function args(): Map<string, ValueNode> {
    const parsed = new Map<string, ValueNode>();
    if (!skip('punctuator', '(')) return parsed;
    do {
      const argName = expect('name').value;
      expect('punctuator', ':');
      parsed.set(argName, value());
    } while (!skip('punctuator', ')'));
    return parsed;
  }

  function selectionSet(): FieldNode[] {
    expect('punctuator', '{');
    const fields: FieldNode[] = [];
    do {
      if (at('punctuator', '...')) unsupported('Fragments');
      const first = expect('name').value;
      const alias = skip('punctuator', ':') ? first : undefined;
      const field: FieldNode = { alias, name: alias === undefined ? first : expect('name').value, args: args() };
      if (at('punctuator', '@')) unsupported('Directives');
      if (at('punctuator', '{')) field.selections = selectionSet();
      fields.push(field);
    } while (!skip('punctuator', '}'));
    return fields;
  }

  function operation(): OperationNode {
    if (at('punctuator', '{')) return { operation: 'query', variables: new Map(), selections: selectionSet() };
    const type = expect('name').value;
    if (type === 'fragment') unsupported('Fragments');
    if (type !== 'query' && type !== 'mutation' && type !== 'subscription') fail('"query" or "{"');
    const name = at('name') ? expect('name').value : undefined;
    const variables = new Map<string, ValueNode | undefined>();
    if (skip('punctuator', '(')) {
      do {
        expect('punctuator', '$');
        const variable = expect('name').value;
        expect('punctuator', ':');
        typeReference();
        variables.set(variable, skip('punctuator', '=') ? value() : undefined);
      } while (!skip('punctuator', ')'));
    }
    if (at('punctuator', '@')) unsupported('Directives');
    return { operation: type, name, variables, selections: selectionSet() };
  }

  const operations: OperationNode[] = [];
  while (!at('end')) operations.push(operation());
  if (operations.length === 0) fail('a query');
  return operations;
}

/** The JavaScript value of an argument: enums become their names; an unset variable is `undefined`. */
export function resolveValue(node: ValueNode, variables: ReadonlyMap<string, unknown>): unknown {
  switch (node.kind) {
    case 'variable':
      if (!variables.has(node.name)) throw new GraphQLError(`Variable "$${node.name}" is not defined.`);
      return variables.get(node.name);
    case 'null':
      return null;
    case 'list':
      return node.values.map((item) => resolveValue(item, variables));
    case 'object':
      return Object.fromEntries([...node.fields].map(([name, item]) => [name, resolveValue(item, variables)]));
    default:
      return node.value;
  }
}
