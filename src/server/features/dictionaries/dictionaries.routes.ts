import { z } from 'zod';
import { type Api, ZIdParam } from '../../http/api';
import { signedInRoutes } from '../../http/routes';
import { ZDictionaryCreate, ZDictionaryEntry, ZDictionaryUpdate } from './dictionaries.schema';
import type { DictionariesService } from './dictionaries.service';

export function dictionariesRoutes(api: Api, dictionaries: DictionariesService) {
  const tags = ['dictionaries'];
  const route = signedInRoutes(api, tags);
  api.get(
    '/api/v1/dictionaries',
    {
      schema: {
        tags,
        summary: '全部字典项（民族、学历、人员类别、职务…）',
        response: { 200: z.array(ZDictionaryEntry) },
      },
    },
    async () => (await dictionaries.list()) as z.infer<typeof ZDictionaryEntry>[],
  );
  route.post(
    '/api/v1/dictionaries',
    { summary: '新增字典项（管理员）', body: ZDictionaryCreate, response: ZDictionaryEntry },
    async (actor, { body }) => (await dictionaries.create(actor, body)) as z.infer<typeof ZDictionaryEntry>,
  );
  route.patch(
    '/api/v1/dictionaries/:id',
    {
      summary: '修改或停用字典项（管理员）',
      params: ZIdParam,
      body: ZDictionaryUpdate,
      response: ZDictionaryEntry,
    },
    async (actor, { params, body }) =>
      (await dictionaries.update(actor, params.id, body)) as z.infer<typeof ZDictionaryEntry>,
  );
}
