import { ApartmentOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/module';

const OrgsPage = lazyPage(() => import('./OrgsPage'), 'OrgsPage');

export const orgsWebModule = defineWebModule({
  name: 'orgs',
  routes: [{ path: 'orgs', page: OrgsPage, access: 'org.read' }],
  menu: [
    {
      path: '/orgs',
      label: '组织',
      icon: <ApartmentOutlined />,
      needs: 'org.read',
      section: 'work',
      keepsOrg: true,
    },
  ],
});

export { orgKeys, orgQueries } from './api';
// The public face: what other features may use.
export { MEMBER_HOLDING_TYPES, OrgPicker } from './OrgPicker';
export { OrgTree } from './OrgTree';
export { useDeskOrgId, useFirstRootUntilChosen, useOrgTreeState, useSelectedOrgId } from './tree-state';
