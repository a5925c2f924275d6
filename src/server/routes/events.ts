// GET /events: Server-Sent Events for stories created, grown, merged and shrunk (articles deleted), published
// after each ingest batch or deletion commits, so a page or a client follows the archive live.
import { NewsfoldError } from '../../errors.ts';
import { problemResponses } from '../schemas.ts';
import type { RegisterRoutes } from './index.ts';

export const registerEventRoutes: RegisterRoutes = (app, { events }) => {
  app.get(
    '/events',
    {
      schema: {
        summary: 'Server-Sent Events: story.created, story.grown, story.merged, story.shrunk (data: JSON with storyId, headline, articles, added, into or removed)',
        produces: ['text/event-stream'],
        response: { 200: { description: 'an event stream', type: 'string' }, ...problemResponses(429) },
      },
    },
    async (request, reply) => {
      // HEAD (a health check, a proxy's probe) gets the stream's headers and ends: held open, it waited forever
      // for headers Node sends with the first body byte, which a HEAD never gets, and took a follower's place.
      if (request.method === 'HEAD') return reply.code(200).type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache').send();
      if (events.full) throw new NewsfoldError('E_RATE', 'too many clients are following events');
      reply.hijack();
      events.follow(reply.raw);
    },
  );
};
