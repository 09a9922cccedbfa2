import { slugify } from '../format';

// Pure: shared by every export so that files of one session sort together.

/** A file name from a session title: letters, digits and dashes, dated. */
export function exportFileName(title: string, at: number, extension: string): string {
  const slug = slugify(title) || 'session';
  return `${slug}-${new Date(at).toISOString().slice(0, 10)}.${extension}`;
}
