import { defineWebModule } from '../kernel/menu'

/** Sampling inspection (抽检), and the public announcements page. */
export const samplingWeb = defineWebModule({
  module: 'sampling',
  routes: [
    { path: 'sampling/plans', page: 'SamplingPlans', permission: 'sampling.read' },
    { path: 'sampling/samples', page: 'SamplingSamples', permission: 'sampling.read' },
    { path: 'sampling/samples/:id', page: 'SamplingSample', permission: 'sampling.read' },
    { path: 'sampling/lab', page: 'SamplingLab', permission: 'sampling.lab' },
    { path: 'sampling/stats', page: 'SamplingStats', permission: 'sampling.stats' },
    { path: 'public/sampling', page: 'SamplingPublic', layout: 'public' },
  ],
  menu: [
    { key: 'sampling.plans', path: '/sampling/plans', label: '抽检计划', icon: 'ScheduleOutlined', permission: 'sampling.read', group: 'sampling', order: 10 },
    {
      key: 'sampling.samples',
      path: '/sampling/samples',
      label: '抽检样品',
      icon: 'FileSearchOutlined',
      permission: 'sampling.read',
      group: 'sampling',
      order: 20,
    },
    { key: 'sampling.lab', path: '/sampling/lab', label: '承检样品', icon: 'FileDoneOutlined', permission: 'sampling.lab', group: 'sampling', order: 30 },
    { key: 'sampling.stats', path: '/sampling/stats', label: '抽检统计', icon: 'BarChartOutlined', permission: 'sampling.stats', group: 'sampling', order: 40 },
  ],
})
