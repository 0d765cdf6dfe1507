import { defineModule } from '../../module';
import { dictionariesRoutes } from './dictionaries.routes';
import { DictionariesService } from './dictionaries.service';
import * as tables from './dictionaries.table';

/** Reference lists (民族, 学历, …) shared by every tenant. */
export const dictionariesModule = defineModule({
  name: 'dictionaries',
  tables,
  permissions: ['dictionary.write'],
  services: (deps) => ({ dictionaries: new DictionariesService(deps) }),
  routes: (api, { dictionaries }) => dictionariesRoutes(api, dictionaries),
});
