import { AuditOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/module';

const AuditPage = lazyPage(() => import('./AuditPage'), 'AuditPage');

export const auditWebModule = defineWebModule({
  name: 'audit',
  routes: [{ path: 'audit', page: AuditPage, access: 'audit.read' }],
  menu: [
    { path: '/audit', label: '审计日志', icon: <AuditOutlined />, needs: 'audit.read', section: 'admin' },
  ],
});
