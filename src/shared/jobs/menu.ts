import { defineWebModule } from '../kernel/menu'

/** 任务中心: each user's background jobs. */
export const jobsWeb = defineWebModule({
  module: 'jobs',
  routes: [{ path: 'tasks', page: 'Tasks' }],
  menu: [{ key: 'jobs.tasks', path: '/tasks', label: '任务中心', icon: 'CloudDownloadOutlined', group: 'home', order: 40 }],
})
