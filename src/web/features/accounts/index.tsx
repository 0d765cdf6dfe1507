import { KeyOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/module';

const AccountsPage = lazyPage(() => import('./AccountsPage'), 'AccountsPage');

export const accountsWebModule = defineWebModule({
  name: 'accounts',
  routes: [{ path: 'accounts', page: AccountsPage, access: 'account.manage' }],
  menu: [
    { path: '/accounts', label: '账号', icon: <KeyOutlined />, needs: 'account.manage', section: 'admin' },
  ],
});

// The public face: what other features may use.
export { MemberAccount } from './MemberAccount';
