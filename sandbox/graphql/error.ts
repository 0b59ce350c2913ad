/** A GraphQL error: reported in the response's `errors` array, not as an HTTP failure. */
export class GraphQLError extends Error {
  override readonly name = 'GraphQLError';
}
