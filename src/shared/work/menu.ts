import { defineWebModule } from '../kernel/menu'

/** 我的待办: every role's landing page. */
export const workWeb = defineWebModule({
  module: 'work',
  routes: [{ path: 'work', page: 'MyWork' }],
  menu: [{ key: 'work.mine', path: '/work', label: '我的待办', icon: 'CheckSquareOutlined', group: 'home', order: 10 }],
})
