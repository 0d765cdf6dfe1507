import { Button, Card, Empty, InputNumber, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { yearOf } from '../../../domain/period';
import { useAuth, useMe } from '../../app/auth';
import { useToday } from '../../app/today';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { OrgTree } from '../orgs/OrgTree';
import { useSelectedOrgId } from '../orgs/tree-state';
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
  const me = useMe();
  const { can } = useAuth();
  const [selected, setSelected] = useSelectedOrgId();
  const orgId = selected ?? me.roles[0]?.orgId ?? null;
  const [year, setYear] = useState(yearOf(useToday()));
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? (can('study.write') ? 'sessions' : 'coverage');
  const writable = can('study.write');
  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree selectedId={orgId} onSelect={(id) => setSelected(id)} />
      </TreeColumn>
      <Card
        size="small"
        title="学习教育"
        style={{ flex: 1, minWidth: 0 }}
        extra={
          <Space>
            {orgId !== null && (
              <>
                <Button
                  data-testid="print-study-ledger"
                  onClick={() =>
                    window.open(`/study/ledger?orgId=${orgId}&year=${year}`, '_blank', 'noopener')
                  }
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
        }
      >
        {orgId === null ? (
          <Empty description="请在左侧选择组织" />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={(key) => {
              params.set('tab', key);
              setParams(params, { replace: true });
            }}
            items={[
              {
                key: 'sessions',
                label: '学习活动',
                children: <SessionsTab orgId={orgId} year={year} writable={writable} />,
              },
              {
                key: 'plans',
                label: '学习计划',
                children: <PlansTab orgId={orgId} year={year} writable={writable} />,
              },
              {
                key: 'hours',
                label: '学时',
                children: <HoursTab orgId={orgId} year={year} writable={writable} />,
              },
              {
                key: 'reflections',
                label: '心得体会',
                children: <ReflectionsTab orgId={orgId} writable={writable} />,
              },
              {
                key: 'materials',
                label: '资料与今日学习',
                children: <MaterialsTab orgId={orgId} writable={writable} />,
              },
              {
                key: 'exams',
                label: '题库与考试',
                children: <ExamsTab orgId={orgId} year={year} writable={writable} />,
              },
              {
                key: 'coverage',
                label: '统计',
                children: <CoverageTab orgId={orgId} year={year} onPick={setSelected} />,
              },
              {
                key: 'points',
                label: '积分',
                children: <PointsTab orgId={orgId} year={year} writable={writable} />,
              },
            ]}
          />
        )}
      </Card>
    </TwoColumns>
  );
}
