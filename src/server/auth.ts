// Bearer tokens for writes, compared in constant time (both sides hashed to one length first, so neither the
// content nor the length of the server's token leaks through timing).
import { createHash, timingSafeEqual } from 'node:crypto';
import { NewsfoldError } from '../errors.ts';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Throws E_FORBIDDEN when writes are off or the token is wrong, E_AUTH when no bearer token was sent. */
export function checkBearer(configured: string | undefined, header: string | undefined): void {
  if (configured === undefined) throw new NewsfoldError('E_FORBIDDEN', 'writes are refused: the server was started without a token');
  const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
  if (match === null) throw new NewsfoldError('E_AUTH', 'this request needs an Authorization: Bearer token');
  if (!timingSafeEqual(digest(match[1]!), digest(configured))) throw new NewsfoldError('E_FORBIDDEN', 'the bearer token is not the one this server accepts');
}
