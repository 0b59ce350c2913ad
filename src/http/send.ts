/** One HTTP exchange; each request layer takes the next one and returns a Send of its own. */
import type { HttpRequest, HttpResponse } from './client.js';

export type Send = (request: HttpRequest) => Promise<HttpResponse>;
