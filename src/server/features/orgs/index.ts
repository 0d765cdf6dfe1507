import { defineModule } from '../../module';
import { orgsRoutes } from './orgs.routes';
import { OrgsService } from './orgs.service';
import * as tables from './orgs.table';

/** The org tree and its committee posts. */
export const orgsModule = defineModule({
  name: 'orgs',
  tables,
  permissions: ['org.read', 'org.edit', 'org.structure'],
  services: (deps, _earlier, platform) => ({ orgs: new OrgsService(deps, platform.orgChanges) }),
  routes: (api, { orgs }) => orgsRoutes(api, orgs),
});
