import { defineWebModule } from '../kernel/menu'

/** Credit proposals (信用事项提议). */
export const creditWeb = defineWebModule({
  module: 'credit',
  routes: [{ path: 'credit-proposals', page: 'CreditProposals', permission: 'credit.read' }],
  menu: [
    {
      key: 'credit.proposals',
      path: '/credit-proposals',
      label: '信用事项提议',
      icon: 'ExceptionOutlined',
      permission: 'credit.read',
      group: 'data',
      order: 30,
    },
  ],
})
