// GET /events: Server-Sent Events. The hub keeps the open streams and writes each story event to all of
// them; a client that does not read (its socket buffer past a limit) is dropped rather than buffered for.
import type { ServerResponse } from 'node:http';
import type { StoryEvent } from '../engine/index.ts';

/** Bytes a client may leave unread before it is dropped: memory per client stays bounded. */
const MAX_UNREAD_BYTES = 1024 * 1024;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;
  private nextId = 1;

  constructor(private readonly maxClients: number) {
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  get full(): boolean {
    return this.clients.size >= this.maxClients;
  }

  /** Starts an event stream on a raw response; it ends when the client goes away. */
  follow(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.write(': newsfold story events\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  publish(event: StoryEvent): void {
    this.write(`id: ${this.nextId++}\nevent: story.${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  private write(text: string): void {
    for (const client of this.clients) {
      if (client.writableLength > MAX_UNREAD_BYTES) {
        this.clients.delete(client);
        client.destroy();
      } else client.write(text);
    }
  }

  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
