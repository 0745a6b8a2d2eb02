import { defineWebModule } from '../kernel/menu'

/** An issued document's print view (its own matter-scope check is on the server). */
export const documentsWeb = defineWebModule({
  module: 'documents',
  routes: [{ path: 'documents/:id', page: 'DocumentPrint' }],
  menu: [],
})
