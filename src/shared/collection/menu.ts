import { defineWebModule } from '../kernel/menu'

/** 涉企信息归集 (credit officers). */
export const collectionWeb = defineWebModule({
  module: 'collection',
  routes: [{ path: 'collection', page: 'Collection', permission: 'collection.read' }],
  menu: [
    { key: 'collection', path: '/collection', label: '涉企信息归集', icon: 'CloudUploadOutlined', permission: 'collection.read', group: 'data', order: 34 },
  ],
})
