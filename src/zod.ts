/**
 * zod, the schema language of profiles, checkpoints and incremental state, imported here only:
 * every schema file takes `z` from this one, so the flavour in use (zod 4 classic) is chosen once.
 */
export { z } from 'zod';
