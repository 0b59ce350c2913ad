/**
 * An offset/limit API that reports its total only in `Content-Range: items 0-99/1234` (PostgREST
 * and react-admin "simple REST" style): `GET /films?offset=&limit=`, a bare JSON array. Past the
 * end it answers `[]` with a `*` range over the same total.
 */
import { json, tinyServer, type TinyServer } from '../tiny-server.js';

export interface Film {
  film_id: number;
  title: string;
  release_year: number;
  rating: string;
}

export interface ContentRangeServer extends TinyServer {
  films: Film[];
}

export async function contentRangeServer(count = 1234): Promise<ContentRangeServer> {
  const films: Film[] = Array.from({ length: count }, (_, i) => ({
    film_id: i + 1,
    title: `FILM ${String(i + 1).padStart(4, '0')}`,
    release_year: 1990 + (i % 30),
    rating: ['G', 'PG', 'PG-13', 'R', 'NC-17'][i % 5],
  }));
  const server = await tinyServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (req.method !== 'GET' || url.pathname !== '/films') return json(res, 404, { message: 'not found' });
    const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? films.length : Math.max(0, Number(limitText) || 0);
    const rows = films.slice(offset, offset + limit);
    const range = rows.length ? `${offset}-${offset + rows.length - 1}` : '*';
    json(res, 200, rows, { 'content-range': `items ${range}/${films.length}` });
  });
  return Object.assign(server, { films });
}
