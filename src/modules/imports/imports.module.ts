import type { Db } from '../../core/db/database'
import { AppError } from '../../core/errors'
import type { ImportKindDef } from '../../core/imports'
import { defineModule } from '../../core/module'
import { importsRoutes } from './imports.routes'

declare module '../../core/module' {
  interface Contributions {
    /** Import kinds (core/imports `ImportKindDef`), contributed by the modules that import files. */
    importKinds: ImportKindDef
  }
}

/** The import history of every kind: the modules contribute their kinds, the runs live in `import_run`. */
export function importsManifest(deps: { db: Db }) {
  const kinds = new Map<string, ImportKindDef>()
  return defineModule({
    name: 'imports',
    label: '导入记录',
    routes: [{ prefixes: ['/imports'], plugin: importsRoutes(deps.db, kinds) }],
    accepts: {
      importKinds: (k) => {
        if (kinds.has(k.kind)) throw new AppError('INTERNAL', `模块清单有误：导入类型「${k.kind}」重复`)
        kinds.set(k.kind, k)
      },
    },
  })
}
