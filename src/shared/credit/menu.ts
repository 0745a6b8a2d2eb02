import { defineWebModule } from '../kernel/menu'

/** Credit supervision: proposals, the abnormal list, and the public credit query and annual-report filing pages. */
export const creditWeb = defineWebModule({
  module: 'credit',
  routes: [
    { path: 'credit-proposals', page: 'CreditProposals', permission: 'credit.read' },
    { path: 'credit-listings', page: 'CreditListings', permission: 'credit.read' },
    { path: 'credit-season', page: 'CreditSeason', permission: 'credit.read' },
    { path: 'credit-serious', page: 'CreditSerious', permission: 'credit.read' },
    { path: 'public/credit', page: 'CreditPublic', layout: 'public' },
    { path: 'public/annual-report', page: 'AnnualReportFiling', layout: 'public' },
  ],
  menu: [
    {
      key: 'credit.season',
      path: '/credit-season',
      label: '年度报告',
      icon: 'FileDoneOutlined',
      permission: 'credit.read',
      group: 'data',
      order: 32,
    },
    {
      key: 'credit.serious',
      path: '/credit-serious',
      label: '严重失信与信用修复',
      icon: 'SafetyCertificateOutlined',
      permission: 'credit.read',
      group: 'data',
      order: 33,
    },
    {
      key: 'credit.listings',
      path: '/credit-listings',
      label: '经营异常名录',
      icon: 'AuditOutlined',
      permission: 'credit.read',
      group: 'data',
      order: 31,
    },
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
