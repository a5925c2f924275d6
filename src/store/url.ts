// Which backend a store's name means, in a module of its own: `newsfold enqueue` checks it without loading SQLite.
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}
