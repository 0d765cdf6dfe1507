import { ReadOutlined, SolutionOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import { defineWebModule, lazyPage, type WebModule } from './app/module';
import { accountsWebModule } from './features/accounts';
import { auditWebModule } from './features/audit';
import { dictionariesWebModule } from './features/dictionaries';
import { duesWebModule } from './features/dues';
import { inboxWebModule } from './features/inbox';
import { membersWebModule } from './features/members';
import { orgLifeWebModule } from './features/org-life';
import { orgsWebModule } from './features/orgs';

const StudyPage = lazyPage(
  () => import('./features/study/StudyPage'),
  (m) => m.StudyPage,
);
const StudyLedgerPrintPage = lazyPage(
  () => import('./features/study/StudyLedgerPrintPage'),
  (m) => m.StudyLedgerPrintPage,
);
const MyStudyPage = lazyPage(
  () => import('./features/study/MyStudyPage'),
  (m) => m.MyStudyPage,
);
const ExamAttemptPage = lazyPage(
  () => import('./features/study/MyStudyPage'),
  (m) => m.ExamAttemptPage,
);

// Written here only while src/web/features/study is being reworked by others; it moves there as its index.tsx.
const studyWebModule = defineWebModule({
  name: 'study',
  routes: [
    { path: 'study/ledger', page: StudyLedgerPrintPage, access: 'study.read', print: true },
    { path: 'study', page: StudyPage, access: 'study.read' },
    { path: 'my/study', page: MyStudyPage, access: 'self' },
    { path: 'my/study/attempts/:id', page: ExamAttemptPage, access: 'self' },
  ],
  menu: [
    {
      path: '/study',
      label: '学习教育',
      icon: createElement(SolutionOutlined),
      needs: 'study.read',
      section: 'work',
      keepsOrg: true,
    },
    {
      path: '/my/study',
      label: '我的学习',
      icon: createElement(ReadOutlined),
      needs: 'self',
      section: 'mine',
    },
  ],
});

/**
 * The only place on the web that names the modules: the router adds their pages, the app shell their menu
 * entries, within each menu section in this order.
 */
export const WEB_MODULES: readonly WebModule[] = [
  membersWebModule,
  orgsWebModule,
  orgLifeWebModule,
  duesWebModule,
  studyWebModule,
  accountsWebModule,
  auditWebModule,
  dictionariesWebModule,
  inboxWebModule,
];
