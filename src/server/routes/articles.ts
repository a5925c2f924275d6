// Articles: GET /articles/{id} with cleaned text, dropped boilerplate with its rules, and relations with their
// aligned passages as character ranges.
import { articleJson } from '../../engine/index.ts';
import { ArticleSchema, IdParams, problemResponses } from '../schemas.ts';
import type { RegisterRoutes } from './index.ts';

export const registerArticleRoutes: RegisterRoutes = (app, { engine }) => {
  app.get(
    '/articles/:id',
    { schema: { summary: 'One article: cleaned text, dropped lines with their rules, metadata, relations with aligned passages', params: IdParams, response: { 200: ArticleSchema, ...problemResponses(400, 404) } } },
    async (request) => articleJson(await engine.article(request.params.id)),
  );
};
