/**
 * Stripe stand-in: `GET /v1/customers` as documented at https://docs.stripe.com/api/pagination —
 * a list object `{object: "list", url, has_more, data}`, newest first, `limit` 1..100 (default
 * 10), `starting_after` / `ending_before` object IDs, Bearer secret key. Unlike most APIs, Stripe
 * refuses a parameter it does not know (400 "Received unknown parameter"), and so does this.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, tinyServer, type TinyServer } from '../tiny-server.js';

export interface StripeCustomer {
  id: string;
  object: 'customer';
  created: number;
  email: string;
  name: string;
  livemode: false;
  metadata: Record<string, string>;
}

export interface StripeServer extends TinyServer {
  /** Every customer, newest first, as Stripe lists them. */
  customers: StripeCustomer[];
}

export const STRIPE_KEY = 'sk_test_51Hstandin0123456789';

const KNOWN = /^(limit|starting_after|ending_before|email|test_clock|created(\[(gt|gte|lt|lte)\])?|expand\[\d*\])$/;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Stripe-like 14-character ID, deterministic per index. */
function idOf(i: number): string {
  let x = (i + 1) * 2_654_435_761;
  let id = '';
  for (let k = 0; k < 14; k++) {
    id += ALPHABET[x % 62];
    x = Math.floor(x / 62) + (k + 1) * 7919 * (i + 3);
  }
  return `cus_${id}`;
}

export async function stripeServer(count = 347): Promise<StripeServer> {
  const customers: StripeCustomer[] = Array.from({ length: count }, (_, i) => ({
    id: idOf(i),
    object: 'customer',
    created: 1_700_000_000 - i * 3_600,
    email: `customer${i}@example.com`,
    name: `Customer ${i}`,
    livemode: false,
    metadata: i % 4 === 0 ? { plan: 'pro' } : ({} as Record<string, string>),
  }));
  const server = await tinyServer((req, res) => reply(req, res, customers));
  return Object.assign(server, { customers });
}

function invalid(res: ServerResponse, status: number, message: string, param?: string): void {
  json(res, status, { error: { type: 'invalid_request_error', message, ...(param && { param }) } });
}

function reply(req: IncomingMessage, res: ServerResponse, customers: StripeCustomer[]): void {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  if (req.headers.authorization !== `Bearer ${STRIPE_KEY}`) {
    return invalid(res, 401, 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.');
  }
  if (req.method !== 'GET' || url.pathname !== '/v1/customers') return invalid(res, 404, `Unrecognized request URL (${req.method}: ${url.pathname}).`);
  const unknown = [...url.searchParams.keys()].find((key) => !KNOWN.test(key));
  if (unknown !== undefined) return invalid(res, 400, `Received unknown parameter: ${unknown}`, unknown);
  const limitText = url.searchParams.get('limit');
  const limit = limitText === null ? 10 : Number(limitText);
  if (!Number.isInteger(limit)) return invalid(res, 400, `Invalid integer: ${limitText}`, 'limit');
  if (limit < 1 || limit > 100) return invalid(res, 400, `This value must be ${limit < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}.`, 'limit');
  const after = url.searchParams.get('starting_after');
  const before = url.searchParams.get('ending_before');
  if (after !== null && before !== null) return invalid(res, 400, 'You may only specify one of these parameters: starting_after, ending_before.');
  const email = url.searchParams.get('email');
  const all = email === null ? customers : customers.filter((customer) => customer.email === email);
  const anchor = after ?? before;
  const index = anchor === null ? -1 : all.findIndex((customer) => customer.id === anchor);
  if (anchor !== null && index < 0) return invalid(res, 400, `No such customer: '${anchor}'`, after !== null ? 'starting_after' : 'ending_before');
  const [from, to] = before !== null ? [Math.max(0, index - limit), index] : [index + 1, index + 1 + limit];
  const data = all.slice(from, to);
  const hasMore = before !== null ? from > 0 : to < all.length;
  json(res, 200, { object: 'list', url: '/v1/customers', has_more: hasMore, data });
}
