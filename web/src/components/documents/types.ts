import type { components } from '../../api/openapi.gen'

/** An issued document's metadata (文号, 成文日期, archived hash), as the server presents it. */
export type DocumentMeta = components['schemas']['DocumentMeta']
