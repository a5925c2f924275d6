// A publication date that has not come yet cannot be true: left in, a record dated 2099 would top every
// listing of stories for ever and move the newest date that undated arrivals and the story window follow.
import type { InputProblem } from '../errors.ts';
import type { Article } from '../model.ts';

/**
 * How far past the storing clock a publication date may lie and still be taken: time zones reach UTC+14 and
 * a page may print tomorrow's date on an evening edition or an embargoed story; beyond two days it is wrong.
 */
export const FUTURE_DATE_TOLERANCE_MS = 2 * 24 * 60 * 60 * 1000;

/** The rule name under which a date beyond the tolerance is listed among what cleaning dropped (`newsfold article`). */
export const FUTURE_DATE_RULE = 'future-date';

/**
 * The article as stored: undated when its publication date lies beyond `now` + the tolerance, the stated date
 * kept among its dropped lines so nothing the input said is lost, with a problem naming the record.
 */
export function withoutFutureDate(article: Article, now: number): { article: Article; problem?: InputProblem } {
  if (article.published === undefined) return { article };
  const time = Date.parse(article.published);
  if (!(time > now + FUTURE_DATE_TOLERANCE_MS)) return { article };
  const { published, ...undated } = article;
  const problem: InputProblem = {
    code: 'E_DATE',
    message: `publication date ${published} is in the future (more than two days after ${new Date(now).toISOString()}); stored as undated`,
    path: article.origin.path,
  };
  if (article.origin.line !== undefined) problem.line = article.origin.line;
  if (article.origin.record !== undefined) problem.record = article.origin.record;
  return { article: { ...undated, dropped: [...article.dropped, { text: `published ${published}`, rule: FUTURE_DATE_RULE }] }, problem };
}
