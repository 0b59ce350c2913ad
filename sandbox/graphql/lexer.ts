/**
 * Tokens of a GraphQL document, enough for the sandbox's parser: punctuators, names, numbers and
 * strings, with whitespace, commas and comments skipped as the spec says.
 */
import { GraphQLError } from './error.js';

export type TokenKind = 'punctuator' | 'name' | 'int' | 'float' | 'string' | 'end';

export interface Token {
  kind: TokenKind;
  /** Punctuator or name text, the number's source, or the string's decoded value. */
  value: string;
  offset: number;
}

const IGNORED = /(?:[\s,\ufeff]|#[^\n\r]*)+/y;
const PUNCTUATOR = /\.\.\.|[!$&()\:=@[\]{|}]/y;
const NAME = /[_A-Za-z][_0-9A-Za-z]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// A GraphQL string's escapes are JSON's, so JSON.parse decodes it.
const STRING = /"(?:[^"\\\n\r]|\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4}))*"/y;
const BLOCK_STRING = /"""((?:\\"""|[^])*?)"""/y;

function match(pattern: RegExp, source: string, offset: number): RegExpExecArray | null {
  pattern.lastIndex = offset;
  return pattern.exec(source);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  for (;;) {
    offset += match(IGNORED, source, offset)?.[0].length ?? 0;
    if (offset >= source.length) break;
    let found: RegExpExecArray | null;
    if ((found = match(BLOCK_STRING, source, offset))) {
      // Block strings keep their text as written (no indentation stripping: the sandbox never needs it).
      tokens.push({ kind: 'string', value: found[1].replaceAll('\\"""', '"""'), offset });
    } else if ((found = match(STRING, source, offset))) {
      tokens.push({ kind: 'string', value: JSON.parse(found[0]) as string, offset });
    } else if ((found = match(NUMBER, source, offset))) {
      tokens.push({ kind: found[1] || found[2] ? 'float' : 'int', value: found[0], offset });
    } else if ((found = match(PUNCTUATOR, source, offset))) {
      tokens.push({ kind: 'punctuator', value: found[0], offset });
    } else if ((found = match(NAME, source, offset))) {
      tokens.push({ kind: 'name', value: found[0], offset });
    } else {
      const what = source[offset] === '"' ? 'Unterminated string' : `Unexpected character "${source[offset]}"`;
      throw new GraphQLError(`Syntax Error: ${what} at offset ${offset}.`);
    }
    offset += found[0].length;
  }
  tokens.push({ kind: 'end', value: '<EOF>', offset });
  return tokens;
}
