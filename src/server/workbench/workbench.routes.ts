import { type Api, actorOf } from '../http/api';
import { ZWorkbench } from './workbench.schema';
import type { WorkbenchService } from './workbench.service';

export function workbenchRoutes(api: Api, workbench: WorkbenchService) {
  api.get(
    '/api/v1/workbench',
    {
      schema: {
        tags: ['workbench'],
        summary: '工作台：各模块为当前用户提供的卡片（待办、达标、收缴、学习、提醒）',
        response: { 200: ZWorkbench },
      },
    },
    async (request) =>
      workbench.load(actorOf(request), (error, card) =>
        request.log.error({ err: error, card }, 'workbench card failed'),
      ),
  );
}
