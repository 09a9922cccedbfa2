// Pure: shared by every export so that files of one session sort together.

/** A file name from a session title: letters, digits and dashes, dated. */
export function exportFileName(title: string, at: number, extension: string): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'session';
  return `${slug}-${new Date(at).toISOString().slice(0, 10)}.${extension}`;
}
