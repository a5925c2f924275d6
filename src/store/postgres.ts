export class PostgresStore { static async open(url: string): Promise<never> { throw new Error(url); } }
