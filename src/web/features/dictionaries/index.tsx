import { BookOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/module';

const DictionariesPage = lazyPage(() => import('./DictionariesPage'), 'DictionariesPage');

export const dictionariesWebModule = defineWebModule({
  name: 'dictionaries',
  routes: [{ path: 'dictionaries', page: DictionariesPage, access: 'dictionary.write' }],
  menu: [
    {
      path: '/dictionaries',
      label: '字典',
      icon: <BookOutlined />,
      needs: 'dictionary.write',
      section: 'admin',
    },
  ],
});

// The public face: what other features may use.
export { dictionaryOptions, useDictionaries } from './useDictionaries';
