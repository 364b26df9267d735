/** Where the reader is: the open post and the talk in view. Kept across an update reload. */
export const place = $state({ slug: '', section: '' });
