// Which backend a store's name means, in a module of its own: `newsfold enqueue` checks it without loading SQLite.
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** A store's name fit to print: a PostgreSQL URL's password replaced by ***; a file path as it is. */
export function redacted(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const parsed = new URL(db);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://...';
  }
}
