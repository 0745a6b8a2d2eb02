/**
 * The server's response shapes, by endpoint: `ServerJson<'/api/calendar/month', 'get'>` is the JSON
 * body its route declares (openapi.gen.ts, generated from the route's zod schema). Type-only.
 * Response types the server names (`.meta({ id })`) are taken as `components['schemas'][…]`; the
 * others by endpoint through this.
 */
import type { paths } from './openapi.gen'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** Stands where the server declares no JSON success body, so that a use of it fails instead of passing on `never`. */
export interface NoJsonBodyDeclared {
  'the server declares no JSON success body for this endpoint': true
}
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : NoJsonBodyDeclared

/** The JSON body of the success response (200, 201 or 202) the server declares for `M P`. */
export type ServerJson<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer S }
    ? JsonOf<S>
    : R extends { 201: infer S }
      ? JsonOf<S>
      : R extends { 202: infer S }
        ? JsonOf<S>
        : NoJsonBodyDeclared
  : NoJsonBodyDeclared
