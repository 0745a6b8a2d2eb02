import { defineWebModule } from '../kernel/menu'

/** Double-random inspections (双随机抽查), and the public results page. */
export const inspectionsWeb = defineWebModule({
  module: 'inspections',
  routes: [
    { path: 'inspections', page: 'Inspections', permission: 'inspection.read' },
    { path: 'inspections/tasks/:id', page: 'InspectionTask', permission: 'inspection.read' },
    { path: 'inspection-mine', page: 'InspectionMine', permission: 'inspection.result' },
    { path: 'inspection-verify', page: 'InspectionVerify', permission: 'inspection.read' },
    { path: 'public/inspections', page: 'InspectionPublic', layout: 'public' },
  ],
  menu: [
    {
      key: 'inspections.tasks',
      path: '/inspections',
      label: '抽查任务',
      icon: 'ScheduleOutlined',
      permission: 'inspection.read',
      group: 'inspections',
      order: 10,
    },
    {
      key: 'inspections.mine',
      path: '/inspection-mine',
      label: '我的检查',
      icon: 'FileDoneOutlined',
      permission: 'inspection.result',
      group: 'inspections',
      order: 20,
    },
    {
      key: 'inspections.verify',
      path: '/inspection-verify',
      label: '抽取核验',
      icon: 'SafetyCertificateOutlined',
      permission: 'inspection.read',
      group: 'inspections',
      order: 30,
    },
  ],
})
