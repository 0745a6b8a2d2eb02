/**
 * zod in the browser: no code generation. zod 4 probes `new Function` when it builds its first
 * object schema (to compile fast parsers); our Content-Security-Policy forbids eval, and the browser
 * reports the refused probe as a violation even though zod catches it. Imported first by main.tsx,
 * before any shared schema (src/shared) is built.
 */
import { z } from 'zod'

z.config({ jitless: true })
