import { Button, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { yearOf } from '../../../domain/period';
import { useAuth } from '../../app/auth';
import { useToday } from '../../app/today';
import { OrgDesk } from '../../components/OrgDesk';
import { useSelectedOrgId } from '../orgs';
import { downloadStudyLedger } from './api';
import { CoverageTab } from './CoverageTab';
import { ExamsTab } from './ExamsTab';
import { HoursTab } from './HoursTab';
import { MaterialsTab } from './MaterialsTab';
import { PlansTab } from './PlansTab';
import { PointsTab } from './PointsTab';
import { ReflectionsTab } from './ReflectionsTab';
import { SessionsTab } from './SessionsTab';

/** The desk: a branch's year of study — sessions, hours, reflections, materials, exams, coverage, points. */
export function StudyPage() {
  const { can } = useAuth();
  const [, setSelected] = useSelectedOrgId();
  const [year, setYear] = useState(yearOf(useToday()));
  const writable = can('study.write');
  return (
    <OrgDesk
      title="学习教育"
      defaultTab={writable ? 'sessions' : 'coverage'}
      extra={(orgId) => (
        <Space>
          {orgId !== null && (
            <>
              <Button
                data-testid="print-study-ledger"
                onClick={() => window.open(`/study/ledger?orgId=${orgId}&year=${year}`, '_blank', 'noopener')}
              >
                打印台账
              </Button>
              <Button onClick={() => void downloadStudyLedger(orgId, year)}>导出台账</Button>
            </>
          )}
          <InputNumber
            value={year}
            min={2000}
            max={2100}
            suffix="年"
            onChange={(y) => y && setYear(y)}
            style={{ width: 110 }}
          />
        </Space>
      )}
      tabs={[
        {
          key: 'sessions',
          label: '学习活动',
          render: (orgId) => <SessionsTab orgId={orgId} year={year} writable={writable} />,
        },
        {
          key: 'plans',
          label: '学习计划',
          render: (orgId) => <PlansTab orgId={orgId} year={year} writable={writable} />,
        },
        {
          key: 'hours',
          label: '学时',
          render: (orgId) => <HoursTab orgId={orgId} year={year} writable={writable} />,
        },
        {
          key: 'reflections',
          label: '心得体会',
          render: (orgId) => <ReflectionsTab orgId={orgId} writable={writable} />,
        },
        {
          key: 'materials',
          label: '资料与今日学习',
          render: (orgId) => <MaterialsTab orgId={orgId} writable={writable} />,
        },
        {
          key: 'exams',
          label: '题库与考试',
          render: (orgId) => <ExamsTab orgId={orgId} year={year} writable={writable} />,
        },
        {
          key: 'coverage',
          label: '统计',
          render: (orgId) => <CoverageTab orgId={orgId} year={year} onPick={setSelected} />,
        },
        {
          key: 'points',
          label: '积分',
          render: (orgId) => <PointsTab orgId={orgId} year={year} writable={writable} />,
        },
      ]}
    />
  );
}
