import { queryOptions } from '@tanstack/react-query';
import type { TCardData, TCardStatus, TWorkbench } from '../../../server/workbench/workbench.schema';
import { http } from '../../app/http';

export type Workbench = TWorkbench;
export type WorkbenchCardView = TWorkbench['cards'][number];
export type CardData = TCardData;
export type CardStatus = TCardStatus;

export const workbenchKeys = { all: ['workbench'] as const };

export const fetchWorkbench = () => http.get<Workbench>('/workbench');

/** The reads, each with its key. */
export const workbenchQueries = {
  all: () => queryOptions({ queryKey: workbenchKeys.all, queryFn: fetchWorkbench }),
};
