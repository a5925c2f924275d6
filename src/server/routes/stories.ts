// Stories: GET /stories (compact rows, filtered, keyset-paged) and GET /stories/{id} (the full view, kept per
// version of the story). A merged story's old id answers 308 with the live story's location.
import { storyJson } from '../../engine/index.ts';
import { IdParams, problemResponses, StoryListQuery, StoryPageSchema, StorySchema } from '../schemas.ts';
import type { RegisterRoutes } from './index.ts';

export const registerStoryRoutes: RegisterRoutes = (app, { engine }) => {
  app.get(
    '/stories',
    {
      schema: {
        summary: 'Stories as compact rows, most recently active (or largest) first, a page at a time',
        querystring: StoryListQuery,
        response: { 200: StoryPageSchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      const { since, until, source, language, q, min_articles, sort, limit, cursor } = request.query;
      return engine.storyPage({
        ...(since === undefined ? {} : { since }),
        ...(until === undefined ? {} : { until }),
        ...(source === undefined ? {} : { source }),
        ...(language === undefined ? {} : { language }),
        ...(q === undefined ? {} : { query: q }),
        ...(min_articles === undefined ? {} : { minArticles: min_articles }),
        ...(sort === undefined ? {} : { sort }),
        ...(limit === undefined ? {} : { limit }),
        ...(cursor === undefined ? {} : { cursor }),
      });
    },
  );

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
