import { defineWebModule } from '../kernel/menu'

/** 12315 items: intake, the queue, 督办, platform imports, standard answers, and the public portal. */
export const complaintsWeb = defineWebModule({
  module: 'complaints',
  routes: [
    { path: 'complaints', page: 'ComplaintQueue', permission: 'complaint.read' },
    { path: 'complaints/:id', page: 'ComplaintDetail', permission: 'complaint.read' },
    { path: 'complaint-intake', page: 'ComplaintIntake', permission: 'complaint.intake' },
    { path: 'complaint-supervision', page: 'ComplaintSupervision', permission: 'complaint.read' },
    { path: 'complaint-import', page: 'ComplaintImport', permission: 'complaint.import' },
    { path: 'complaint-answers', page: 'ComplaintAnswers', permission: 'complaint.knowledge' },
    { path: 'public/12315', page: 'PortalComplaint', layout: 'public' },
    { path: 'public/12315/track', page: 'PortalTrack', layout: 'public' },
  ],
  menu: [
    {
      key: 'complaints.intake',
      path: '/complaint-intake',
      label: '热线登记',
      icon: 'PhoneOutlined',
      permission: 'complaint.intake',
      group: 'complaints',
      order: 10,
    },
    { key: 'complaints.queue', path: '/complaints', label: '工作台', icon: 'InboxOutlined', permission: 'complaint.read', group: 'complaints', order: 20 },
    {
      key: 'complaints.supervision',
      path: '/complaint-supervision',
      label: '督办',
      icon: 'AlertOutlined',
      permission: 'complaint.supervise',
      group: 'complaints',
      order: 30,
    },
    {
      key: 'complaints.import',
      path: '/complaint-import',
      label: '平台转办导入',
      icon: 'ImportOutlined',
      permission: 'complaint.import',
      group: 'complaints',
      order: 40,
    },
    {
      key: 'complaints.answers',
      path: '/complaint-answers',
      label: '常用语',
      icon: 'BookOutlined',
      permission: 'complaint.knowledge',
      group: 'complaints',
      order: 90,
    },
  ],
})
