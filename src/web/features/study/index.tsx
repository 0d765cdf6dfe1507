import { ReadOutlined, SolutionOutlined } from '@ant-design/icons';
import { defineWebModule, lazyPage } from '../../app/module';

const StudyPage = lazyPage(() => import('./StudyPage'), 'StudyPage');
const StudyLedgerPrintPage = lazyPage(() => import('./StudyLedgerPrintPage'), 'StudyLedgerPrintPage');
const MyStudyPage = lazyPage(() => import('./MyStudyPage'), 'MyStudyPage');
const ExamAttemptPage = lazyPage(() => import('./MyStudyPage'), 'ExamAttemptPage');

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
      icon: <SolutionOutlined />,
      needs: 'study.read',
      section: 'work',
      keepsOrg: true,
    },
    {
      path: '/my/study',
      label: '我的学习',
      icon: <ReadOutlined />,
      needs: 'self',
      section: 'mine',
    },
  ],
});
