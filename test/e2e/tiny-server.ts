/** A scripted HTTP server on 127.0.0.1 for bad-response tests: each request gets the next scripted reply. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Reply = (req: IncomingMessage, res: ServerResponse, n: number, body: string) => void;

export interface TinyServer {
  url: string;
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export async function tinyServer(reply: Reply): Promise<TinyServer> {
  const requests: TinyServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => reply(req, res, requests.length, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

/** A cursor-paged profile file for tests: GET /items?cursor=…, records at `items`, next cursor at `next`. */
export function testProfile(extra = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'paginate-profile-'));
  const file = join(dir, 'demo.yaml');
  writeFileSync(
    file,
    `name: demo
base_url: https://demo.invalid
auth:
  - headers: {Authorization: 'Bearer \${DEMO_TOKEN}'}
endpoints:
  items:
    path: /items
    records: items
    errors: errors
    pagination:
      kind: cursor
      cursor: next
      param: {in: query, name: cursor}
${extra}`,
  );
  return file;
}
