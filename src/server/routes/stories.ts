// Stories: GET /stories/{id}. A merged story's old id answers 308 with the live story's location.
import { storyJson } from '../../engine/index.ts';
import { IdParams, problemResponses, StorySchema } from '../schemas.ts';
import type { RegisterRoutes } from './index.ts';

export const registerStoryRoutes: RegisterRoutes = (app, { engine }) => {
  app.get(
    '/stories/:id',
    {
      schema: {
        summary: 'One story: digest with citations, facts, disagreements, additions, timeline, articles, relations',
        params: IdParams,
        response: { 200: StorySchema, 308: { description: 'the story was merged; Location names the live one', type: 'null' }, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const view = await engine.story(request.params.id);
      if (view.story.id !== request.params.id) return reply.code(308).header('location', `/stories/${encodeURIComponent(view.story.id)}`).send();
      return storyJson(view);
    },
  );
};
