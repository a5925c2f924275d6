// Writes one at a time: the engine's ingest is one ordered sequence (DESIGN.md), so the server runs one write
// and lets a few wait. A slot is taken before the body is read, so at most 1 + maxQueued bodies are ever held
// in memory; a write beyond that is refused at once (429).
import { NewsfoldError } from '../errors.ts';

export class WriteGate {
  private tail: Promise<unknown> = Promise.resolve();
  private admitted = 0;

  constructor(private readonly maxQueued: number) {}

  /** Takes a slot for one write (running or waiting); throws E_RATE when every slot is taken. */
  admit(): void {
    if (this.full) throw new NewsfoldError('E_RATE', `${this.admitted} writes are already running or waiting`);
    this.admitted++;
  }

  /** Gives back a slot taken by `admit`, once the write's response is sent or its client went away. */
  release(): void {
    this.admitted = Math.max(0, this.admitted - 1);
  }

  get full(): boolean {
    return this.admitted >= this.maxQueued + 1;
  }

  /** Runs `work` after every write started before it. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
