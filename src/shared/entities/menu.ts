import { defineWebModule } from '../kernel/menu'

/** The register of market entities (经营主体名录), the entity file and the register import. */
export const entitiesWeb = defineWebModule({
  module: 'entities',
  routes: [
    { path: 'entities', page: 'Entities', permission: 'entity.read' },
    { path: 'entities/:id', page: 'EntityProfile', permission: 'entity.read' },
    { path: 'entity-import', page: 'EntityImport', permission: 'entity.import' },
  ],
  menu: [
    { key: 'entities.register', path: '/entities', label: '经营主体名录', icon: 'ShopOutlined', permission: 'entity.read', group: 'data', order: 10 },
    { key: 'entities.import', path: '/entity-import', label: '名录导入', icon: 'CloudUploadOutlined', permission: 'entity.import', group: 'data', order: 40 },
  ],
})
