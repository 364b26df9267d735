/** Search cannot answer for now: a file of the index could not be loaded or is not valid. */
export class SearchUnavailable extends Error {
  override readonly name = 'SearchUnavailable';
}
