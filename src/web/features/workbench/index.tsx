import { HomeOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/module';

const WorkbenchPage = lazyPage(() => import('./WorkbenchPage'), 'WorkbenchPage');

export const workbenchWebModule = defineWebModule({
  name: 'workbench',
  // Every signed-in user lands here (src/web/app/access.ts); the cards come from the server's modules.
  routes: [{ path: 'workbench', page: WorkbenchPage, access: 'signed-in' }],
  menu: [
    { path: '/workbench', label: '工作台', icon: <HomeOutlined />, needs: 'signed-in', section: 'work' },
  ],
});
