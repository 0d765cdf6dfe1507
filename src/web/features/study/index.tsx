import { ReadOutlined, SolutionOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import { defineWebModule, lazyPage } from '../../app/module';

const StudyPage = lazyPage(
  () => import('./StudyPage'),
  (m) => m.StudyPage,
);
const StudyLedgerPrintPage = lazyPage(
  () => import('./StudyLedgerPrintPage'),
  (m) => m.StudyLedgerPrintPage,
);
const MyStudyPage = lazyPage(
  () => import('./MyStudyPage'),
  (m) => m.MyStudyPage,
);
const ExamAttemptPage = lazyPage(
  () => import('./MyStudyPage'),
  (m) => m.ExamAttemptPage,
);

export const studyWebModule = defineWebModule({
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
