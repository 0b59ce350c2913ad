export { getPath, flattenPaths } from '../sink/path.js';
