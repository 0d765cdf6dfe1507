import { FundOutlined, MoneyCollectOutlined, WalletOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/module';

const DuesPage = lazyPage(() => import('./DuesPage'), 'DuesPage');
const DuesDashboardPage = lazyPage(() => import('./DuesDashboardPage'), 'DuesDashboardPage');
const DuesPrintPage = lazyPage(() => import('./DuesPrintPage'), 'DuesPrintPage');
const MyDuesPage = lazyPage(() => import('./MyDuesPage'), 'MyDuesPage');

export const duesWebModule = defineWebModule({
  name: 'dues',
  routes: [
    { path: 'dues/print', page: DuesPrintPage, access: 'dues.read', print: true },
    { path: 'dues', page: DuesPage, access: 'dues.read' },
    { path: 'dues/dashboard', page: DuesDashboardPage, access: 'dues.read' },
    { path: 'my-dues', page: MyDuesPage, access: 'self' },
  ],
  // The dashboard before the ledger: the menu marks the first entry the current path starts with.
  menu: [
    {
      path: '/dues/dashboard',
      label: '党费统计',
      icon: <FundOutlined />,
      needs: 'dues.read',
      section: 'work',
      keepsOrg: true,
    },
    {
      path: '/dues',
      label: '党费',
      icon: <MoneyCollectOutlined />,
      needs: 'dues.read',
      section: 'work',
      keepsOrg: true,
    },
    { path: '/my-dues', label: '我的党费', icon: <WalletOutlined />, needs: 'self', section: 'mine' },
  ],
});
