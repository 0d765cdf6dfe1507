import { IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/module';

const RosterPage = lazyPage(() => import('./RosterPage'), 'RosterPage');
const MyRecordPage = lazyPage(() => import('./MyRecordPage'), 'MyRecordPage');

export const membersWebModule = defineWebModule({
  name: 'members',
  routes: [
    { path: 'roster', page: RosterPage, access: 'member.read' },
    { path: 'me', page: MyRecordPage, access: 'self' },
  ],
  menu: [
    {
      path: '/roster',
      label: '花名册',
      icon: <TeamOutlined />,
      needs: 'member.read',
      section: 'work',
      keepsOrg: true,
    },
    { path: '/me', label: '我的档案', icon: <IdcardOutlined />, needs: 'self', section: 'record' },
  ],
});

export type { MemberDetail } from './api';
export { memberKeys } from './api';
// The public face: what other features may use.
export { MemberPicker } from './MemberPicker';
