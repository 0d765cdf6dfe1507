import {
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  ReadOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/module';

const MeetingsPage = lazyPage(() => import('./MeetingsPage'), 'MeetingsPage');
const MeetingNewPage = lazyPage(() => import('./MeetingNewPage'), 'MeetingNewPage');
const MeetingDetailPage = lazyPage(() => import('./MeetingDetailPage'), 'MeetingDetailPage');
const CompliancePage = lazyPage(() => import('./CompliancePage'), 'CompliancePage');
const LedgerPrintPage = lazyPage(() => import('./LedgerPrintPage'), 'LedgerPrintPage');
const MyMeetingsPage = lazyPage(() => import('./MyMeetingsPage'), 'MyMeetingsPage');
const DashboardPage = lazyPage(() => import('./DashboardPage'), 'DashboardPage');
const RulebookPage = lazyPage(() => import('./RulebookPage'), 'RulebookPage');

export const orgLifeWebModule = defineWebModule({
  name: 'org-life',
  routes: [
    { path: 'org-life/ledger', page: LedgerPrintPage, access: 'meeting.read', print: true },
    { path: 'meetings', page: MeetingsPage, access: 'meeting.read' },
    { path: 'meetings/new', page: MeetingNewPage, access: 'meeting.write' },
    // Readable by the desk and by the attendees themselves (the API decides).
    { path: 'meetings/:id', page: MeetingDetailPage, access: 'signed-in' },
    { path: 'org-life/compliance', page: CompliancePage, access: 'meeting.read' },
    { path: 'my/meetings', page: MyMeetingsPage, access: 'self' },
    { path: 'my/meetings/:id', page: MeetingDetailPage, access: 'self' },
    { path: 'org-life/dashboard', page: DashboardPage, access: 'dashboard.read' },
    { path: 'org-life/rulebook', page: RulebookPage, access: 'meeting.read' },
  ],
  menu: [
    {
      path: '/meetings',
      label: '会议记录',
      icon: <ScheduleOutlined />,
      needs: 'meeting.read',
      section: 'work',
      keepsOrg: true,
    },
    {
      path: '/org-life/compliance',
      label: '达标情况',
      icon: <CheckSquareOutlined />,
      needs: 'meeting.read',
      section: 'work',
    },
    {
      path: '/org-life/dashboard',
      label: '组织生活概览',
      icon: <DashboardOutlined />,
      needs: 'dashboard.read',
      section: 'work',
    },
    {
      path: '/org-life/rulebook',
      label: '组织生活规则',
      icon: <ReadOutlined />,
      needs: 'meeting.read',
      section: 'work',
    },
    { path: '/my/meetings', label: '我的会议', icon: <CalendarOutlined />, needs: 'self', section: 'mine' },
  ],
});
