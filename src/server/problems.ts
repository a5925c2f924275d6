// Errors as RFC 9457 problem details: the error catalogue's codes mapped to HTTP statuses here, in the face,
// and nowhere else. Every error a route throws (a NewsfoldError, a validation failure, a body over the limit)
// leaves the server as application/problem+json with the code and its hint.
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, FULL_STORE_HINT, isFullStore, NewsfoldError, type ErrorCode } from '../errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The HTTP status of each catalogue code; a code absent here is the server's own fault (500). */
const STATUS_OF_CODE: Partial<Record<ErrorCode, number>> = {
  E_INVALID: 400,
  E_USAGE: 400,
  E_JSON: 400,
  E_RECORD: 400,
  E_AMBIGUOUS: 400,
  E_AUTH: 401,
  E_FORBIDDEN: 403,
  E_NOT_FOUND: 404,
  E_TOO_LARGE: 413,
  E_RATE: 429,
  E_STORE_BUSY: 503,
};

const TITLE_OF_STATUS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The problem document (RFC 9457 members, plus newsfold's `code` and `hint` extensions). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  hint: string;
}

/** Seconds a client is asked to wait before retrying a 429 or 503. */
export const RETRY_AFTER_SECONDS = 1;

/** Hints the catalogue gives in the CLI's words ("Run with --help") said in the API's (found by the user walk). */
const API_HINTS: Partial<Record<ErrorCode, string>> = {
  E_USAGE: 'See the API description at /openapi.json for what each route takes.',
  E_INVALID: 'Check the request against the API description at /openapi.json.',
};
/** An unknown route's hint: the catalogue's E_NOT_FOUND hint is about ids, not routes. */
const NO_ROUTE_HINT = 'The routes are listed in the API description at /openapi.json.';

function problemOf(code: ErrorCode, status: number, detail: string, instance: string, hint: string = API_HINTS[code] ?? ERROR_CATALOGUE[code]): Problem {
  return { type: `urn:newsfold:error:${code}`, title: TITLE_OF_STATUS[status] ?? 'Error', status, detail, instance, code, hint };
}

/** Fastify's own error codes (body parsing, limits, content types) as catalogue codes. */
function codeOfFastifyError(error: FastifyError): { code: ErrorCode; status: number } | undefined {
  if (error.validation !== undefined) return { code: 'E_INVALID', status: 400 };
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'E_TOO_LARGE', status: 413 };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'E_INVALID', status: 415 };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'E_JSON', status: 400 };
    default:
      return error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? { code: 'E_INVALID', status: error.statusCode } : undefined;
  }
}

/** The parts of a request schema a validation message is made from (Ajv's `verbose` errors carry it). */
interface ParameterSchema {
  type?: string;
  description?: string;
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: { const?: unknown }[];
}

/** What a parameter must look like, in words, from its schema: "a whole number from 1 to 100". */
function expectedForm(schema: ParameterSchema): string | undefined {
  const choices = schema.anyOf?.map((choice) => choice.const);
  if (choices !== undefined && choices.every((choice) => choice !== undefined)) return `one of ${choices.join(', ')}`;
  if (schema.type === 'integer' || schema.type === 'number') {
    const noun = schema.type === 'integer' ? 'a whole number' : 'a number';
    if (schema.minimum !== undefined && schema.maximum !== undefined) return `${noun} from ${schema.minimum} to ${schema.maximum}`;
    if (schema.minimum !== undefined) return `${noun}, at least ${schema.minimum}`;
    return schema.maximum === undefined ? noun : `${noun}, at most ${schema.maximum}`;
  }
  if (schema.type !== 'string' || schema.description === undefined) return undefined;
  if (schema.examples !== undefined && schema.examples.length > 0) return `${schema.description}, like ${schema.examples.join(' or ')}`;
  return schema.minLength !== undefined && schema.maxLength !== undefined ? `${schema.description} (${schema.minLength} to ${schema.maxLength} characters)` : schema.description;
}

/**
 * The validation failure in words a client can act on: the parameter by name and the form it must take
 * ("since must be an ISO 8601 date or time, like 2026-03-05 ..."), not Ajv's "querystring/since must NOT have
 * fewer than 10 characters" (found by the fresh walk). Ajv's "must NOT have additional properties" names no
 * property: the client is told which one it sent.
 */
function validationDetail(error: FastifyError): string {
  const entries = error.validation ?? [];
  const unknown = entries.map((entry) => (entry.params as { additionalProperty?: unknown }).additionalProperty).filter((name): name is string => typeof name === 'string');
  // Not Ajv's "querystring must NOT have additional properties": which parameters were not known, and which are.
  if (unknown.length > 0) return `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a parameter' : 'are not parameters'} of this route; it takes ${takes(entries[0])}`;
  const missing = entries.find((candidate) => candidate.keyword === 'required');
  const missingName = (missing?.params as { missingProperty?: unknown } | undefined)?.missingProperty;
  if (missing !== undefined && typeof missingName === 'string') {
    // Not "querystring must have required property 'q'": the parameter and the form it must take.
    const schema = (missing as { parentSchema?: { properties?: Record<string, ParameterSchema> } }).parentSchema?.properties?.[missingName];
    const form = schema === undefined ? undefined : expectedForm(schema);
    return form === undefined ? `${missingName} is required` : `${missingName} is required: ${form}`;
  }
  // A union's own entry says what the whole parameter takes; its branches' entries come before it.
  const entry = entries.find((candidate) => candidate.keyword === 'anyOf') ?? entries[0];
  const name = entry?.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (entry === undefined || name === undefined || name === '') return error.message;
  const { data, parentSchema } = entry as { data?: unknown; parentSchema?: ParameterSchema };
  // A query parameter given twice arrives as a list (`?limit=1&limit=2`); none of ours takes a list.
  if (Array.isArray(data) && parentSchema?.type !== 'array') return `${name} is given ${data.length} times; give it once`;
  const form = parentSchema === undefined ? undefined : expectedForm(parentSchema);
  return form === undefined ? `${name} ${entry.message ?? 'is not valid'}` : `${name} must be ${form}`;
}

/** The parameters a route's query takes, from the object schema a validation entry carries. */
function takes(entry: unknown): string {
  const properties = (entry as { parentSchema?: { properties?: Record<string, unknown> } } | undefined)?.parentSchema?.properties;
  const names = properties === undefined ? [] : Object.keys(properties);
  return names.length === 0 ? 'no parameters' : names.join(', ');
}

/** The status and problem for anything a route threw. */
export function problemFor(error: unknown, instance: string): Problem {
  if (error instanceof NewsfoldError) return problemOf(error.code, STATUS_OF_CODE[error.code] ?? 500, error.message, instance);
  const fastifyError = error as FastifyError;
  const mapped = codeOfFastifyError(fastifyError);
  if (mapped !== undefined) return problemOf(mapped.code, mapped.status, validationDetail(fastifyError), instance);
  if (isStoreBusy(error)) return problemOf('E_STORE_BUSY', 503, 'the store is locked by another writer', instance);
  // Not a fault of the server: what the operator must do is free space, and the client may try again later.
  if (isFullStore(error)) return problemOf('E_STORE', 503, 'the disk holding the store is full', instance, FULL_STORE_HINT);
  return problemOf('E_STORE', 500, 'internal error', instance);
}

/** SQLite's lock errors (another process writing): the store is busy, not broken. */
function isStoreBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT';
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 429 || problem.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="newsfold"');
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/**
 * Errors Fastify meets before any route or handler runs (a path that does not decode, `/articles/%ff`; a path
 * parameter over the router's length): problem documents too, not Fastify's own JSON (found by the user walk).
 * Given to Fastify as its `frameworkErrors` option.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problemFor(error, request.url));
}

/** Methods a route may be asked with; OPTIONS is left out (CORS answers it on every path when enabled). */
const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods some route answers at `path`, or none when no route has that path. */
function allowedMethods(app: FastifyInstance, path: string): string[] {
  return ROUTE_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
}

/** Installs the mapping: route errors and unknown routes answer with problem documents. */
export function installProblemHandlers(app: FastifyInstance, onServerError: (error: unknown) => void): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const problem = problemFor(error, request.url);
    if (problem.status >= 500 && problem.status !== 503) onServerError(error);
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    // A known path asked with a method it does not take is 405 with the methods it does (RFC 9110), not 404.
    const allowed = allowedMethods(app, path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, problemOf('E_INVALID', 405, `${path} does not take ${request.method}; it takes ${allowed.join(', ')}`, request.url, NO_ROUTE_HINT));
    }
    return sendProblem(reply, problemOf('E_NOT_FOUND', 404, `no route ${request.method} ${path}`, request.url, NO_ROUTE_HINT));
  });
}

/**
 * Requests the HTTP parser refuses before Fastify sees them (headers or URL over Node's 16 KB, a malformed
 * request line, a request too slow to arrive): problem documents too, not Fastify's own `{"error": ...}` JSON
 * (found by the session 33 walk: a 60 KB query string). Given to Fastify as its `clientErrorHandler`.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail]: [number, ErrorCode, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'E_INVALID', 'the request did not arrive in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'E_TOO_LARGE', 'the request line and headers are over 16 KB: shorten the query string']
        : [400, 'E_INVALID', 'the request is not well-formed HTTP'];
  const body = JSON.stringify(problemOf(code, status, detail, ''));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${TITLE_OF_STATUS[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
