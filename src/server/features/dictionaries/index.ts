import type { Executor } from '../../db/database';
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

// The public face: the active labels that forms and imports offer.
export type { Dictionaries } from './dictionaries.service';

/** The active labels of every dictionary, in display order. */
export const activeDictionaryLabels = (db: Executor) => DictionariesService.activeLabels(db);
