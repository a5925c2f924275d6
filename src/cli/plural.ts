// A count with its noun for human output: "1 job", "7 jobs", "1 story", "3 stories".
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
