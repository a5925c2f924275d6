// Writes one at a time: the engine's ingest is one ordered sequence (DESIGN.md), so the server runs one write
// and queues a few; beyond that a write is refused at once (429) instead of piling up bodies in memory.
import { NewsfoldError } from '../errors.ts';

export class WriteGate {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly maxQueued: number) {}

  /** Runs `work` after every write admitted before it; throws E_RATE when too many are waiting. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.pending > this.maxQueued) throw new NewsfoldError('E_RATE', `${this.pending} writes are already running or waiting`);
    this.pending++;
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    try {
      return await result;
    } finally {
      this.pending--;
    }
  }

  /** True when a write now would be refused: checked before a body is read. */
  get full(): boolean {
    return this.pending > this.maxQueued;
  }
}
