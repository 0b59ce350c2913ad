import { describe, expect, it } from 'vitest';
import { parseLimiterUrl } from '../../src/rate-limit/limiter-url.js';
import { budgetKey } from '../../src/rate-limit/budget-key.js';

describe('--limiter URL', () => {
  it('reads host, port, database, TLS and credentials', () => {
    expect(parseLimiterUrl('redis://127.0.0.1:6380/2')).toEqual({ host: '127.0.0.1', port: 6380, db: 2, tls: false, username: undefined, password: undefined, shown: 'redis://127.0.0.1:6380/2' });
    expect(parseLimiterUrl('rediss://worker:p%40ss@redis.internal')).toMatchObject({ host: 'redis.internal', port: 6379, db: 0, tls: true, username: 'worker', password: 'p@ss', shown: 'rediss://worker:***@redis.internal' });
    expect(parseLimiterUrl('redis://:only-pass@[::1]:7000')).toMatchObject({ host: '::1', port: 7000, username: undefined, password: 'only-pass' });
  });

  it.each([
    ['http://u:hunter2@host:6379', 'only redis:// and rediss://'],
    ['redis://u:hunter2@host:6379/x', 'must be a number'],
    ['redis://u:hunter2@host:6379/0?timeout=3', 'query strings'],
    ['redis//u:hunter2@host', 'expected redis://'],
    ['redis://u:hunter2@host:99999', 'expected redis://'],
  ])('refuses %s, without showing the password', (text, why) => {
    let message = '';
    try {
      parseLimiterUrl(text);
    } catch (error) {
      message = (error as Error).message;
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
    expect(message).toContain(why);
    expect(message).not.toContain('hunter2');
  });
});

describe('budget key', () => {
  const scope = { origin: 'https://customer.api.soundcharts.com', identity: ['app-id', 'api-key-0123456789'] };
  const rate = { count: 5000, perMs: 60_000 };

  it('is the same for the same origin, rate and credential, and holds no credential', () => {
    const key = budgetKey(scope, rate);
    expect(budgetKey({ ...scope, identity: [...scope.identity] }, { ...rate })).toBe(key);
    expect(key).toMatch(/^paginate:budget:https:\/\/customer\.api\.soundcharts\.com:5000per60000ms:[0-9a-f]{32}$/);
    expect(key).not.toContain('api-key');
    expect(key).not.toContain('app-id');
  });

  it('differs for another credential, rate or origin', () => {
    const key = budgetKey(scope, rate);
    expect(budgetKey({ ...scope, identity: ['app-id', 'other-key'] }, rate)).not.toBe(key);
    expect(budgetKey(scope, { count: 100, perMs: 1000 })).not.toBe(key);
    expect(budgetKey({ ...scope, origin: 'http://127.0.0.1:8080' }, rate)).not.toBe(key);
    expect(budgetKey(scope)).toContain(':unlimited:');
  });
});
