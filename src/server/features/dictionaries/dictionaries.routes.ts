import { z } from 'zod';
import { type Api, actorOf, ZIdParam } from '../../http/api';
import { ZDictionaryCreate, ZDictionaryEntry, ZDictionaryUpdate } from './dictionaries.schema';
import type { DictionariesService } from './dictionaries.service';

export function dictionariesRoutes(api: Api, dictionaries: DictionariesService) {
  const tags = ['dictionaries'];
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
  api.post(
    '/api/v1/dictionaries',
    {
      schema: {
        tags,
        summary: '新增字典项（管理员）',
        body: ZDictionaryCreate,
        response: { 200: ZDictionaryEntry },
      },
    },
    async (request) =>
      (await dictionaries.create(actorOf(request), request.body)) as z.infer<typeof ZDictionaryEntry>,
  );
  api.patch(
    '/api/v1/dictionaries/:id',
    {
      schema: {
        tags,
        summary: '修改或停用字典项（管理员）',
        params: ZIdParam,
        body: ZDictionaryUpdate,
        response: { 200: ZDictionaryEntry },
      },
    },
    async (request) =>
      (await dictionaries.update(actorOf(request), request.params.id, request.body)) as z.infer<
        typeof ZDictionaryEntry
      >,
  );
}
