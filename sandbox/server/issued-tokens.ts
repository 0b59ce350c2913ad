/**
 * Access tokens an emulator's token endpoint hands out, each with an expiry on the emulator's
 * clock, so tests can let a token lapse mid-export without waiting.
 */
import { hexId, seededRandom } from '../data/fake-data.js';

export type TokenState = 'valid' | 'expired' | 'unknown';

export interface IssuedToken {
  token: string;
  /** Epoch ms after which the token is refused. */
  expiresAt: number;
}

export interface TokenIssuer {
  issue(): IssuedToken;
  check(token: string): TokenState;
}

/** Tokens are `<prefix><n>-<hex>`: deterministic for a seed and the order of issue. */
export function createTokenIssuer(prefix: string, ttlMs: number, now: () => number, seed: number): TokenIssuer {
  const random = seededRandom(seed);
  const expiries = new Map<string, number>();
  return {
    issue() {
      const token = `${prefix}${expiries.size + 1}-${hexId(random, 32)}`;
      const expiresAt = now() + ttlMs;
      expiries.set(token, expiresAt);
      return { token, expiresAt };
    },
    check(token) {
      const expiresAt = expiries.get(token);
      if (expiresAt === undefined) return 'unknown';
      return now() < expiresAt ? 'valid' : 'expired';
    },
  };
}
