/**
 * Types for the two undici modules client.ts loads on their own (undici's index loads fetch,
 * WebSocket, cookies, caches and mocks as well). undici has no `exports` map, so these paths are
 * public files of the package; their behaviour is the documented Agent and request().
 */
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';
  export default function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
}
