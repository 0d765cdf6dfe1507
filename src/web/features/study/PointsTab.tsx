import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { POINT_RULE_LIMITS, POINTS_NOTICE } from '../../../domain/study';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { type Settings, type SettingsInput, saveSettings, studyKeys, studyQueries } from './api';

export function PointsTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const settings = useQuery(studyQueries.settings(orgId));
  const board = useQuery(studyQueries.leaderboard(orgId, year));
  const save = useAction({
    run: (input: Omit<SettingsInput, 'orgId'>) => saveSettings({ orgId, ...input }),
    invalidate: [studyKeys.all],
    success: '已保存积分设置',
  });
  const s = settings.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message={POINTS_NOTICE}
        description="积分只在此处和党员本人的“我的学习”中显示，不进入任何统计、考核、评优或组织评定。"
      />
      <Space>
        <span>显示学习积分：</span>
        <Switch
          checked={s?.pointsEnabled ?? true}
          disabled={!writable}
          loading={save.isPending}
          onChange={(on) => save.mutate({ pointsEnabled: on })}
        />
        {s?.fromOrgName && <Typography.Text type="secondary">（设置来自{s.fromOrgName}）</Typography.Text>}
      </Space>
      {settings.isError && <QueryError error={settings.error} />}
      {s && (
        <PointRulesCard
          key={JSON.stringify(s.rules)}
          settings={s}
          writable={writable}
          saving={save.isPending}
          onSave={(pointRules) => save.mutate({ pointRules })}
        />
      )}
      {board.isError && <QueryError error={board.error} />}
      {board.data?.enabled && (
        <Table
          rowKey="memberId"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={board.data.rows}
          data-testid="points-board"
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '积分（仅供参考）', dataIndex: 'points', align: 'right' },
          ]}
        />
      )}
    </Space>
  );
}

type RuleValues = Record<string, { points: number; perDayMax: number | null }>;

/** The rules in force, editable by those who may set them for this org; empty daily cap means no cap. */
function PointRulesCard({
  settings,
  writable,
  saving,
  onSave,
}: {
  settings: Settings;
  writable: boolean;
  saving: boolean;
  onSave: (rules: SettingsInput['pointRules']) => void;
}) {
  const [form] = Form.useForm<RuleValues>();
  const initial = Object.fromEntries(
    settings.rules.map((r) => [r.action, { points: r.points, perDayMax: r.perDayMax }]),
  );
  const source = settings.ownRules
    ? '本组织自定的规则'
    : settings.rulesFromOrgName
      ? `沿用${settings.rulesFromOrgName}的规则`
      : '默认规则';
  return (
    <Card size="small" title="积分规则" extra={<Typography.Text type="secondary">{source}</Typography.Text>}>
      <Form
        form={form}
        initialValues={initial}
        disabled={!writable}
        onFinish={(v) =>
          onSave(
            Object.fromEntries(
              settings.rules.map((r) => [
                r.action,
                { points: v[r.action]?.points ?? 0, perDayMax: v[r.action]?.perDayMax ?? null },
              ]),
            ) as SettingsInput['pointRules'],
          )
        }
      >
        <Table
          rowKey="action"
          size="small"
          pagination={false}
          dataSource={settings.rules}
          columns={[
            { title: '学习行为', dataIndex: 'label' },
            {
              title: '积分',
              width: 140,
              render: (_, r) => (
                <Form.Item name={[r.action, 'points']} noStyle>
                  <InputNumber
                    aria-label={`${r.label}积分`}
                    min={0}
                    max={POINT_RULE_LIMITS.pointsMax}
                    precision={0}
                  />
                </Form.Item>
              ),
            },
            {
              title: '每日上限（空为不限）',
              width: 180,
              render: (_, r) => (
                <Form.Item name={[r.action, 'perDayMax']} noStyle>
                  <InputNumber
                    aria-label={`${r.label}每日上限`}
                    min={0}
                    max={POINT_RULE_LIMITS.perDayMaxMax}
                    precision={0}
                    placeholder="不限"
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        {writable && (
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="save-point-rules">
              保存积分规则
            </Button>
            {settings.ownRules && (
              <Button onClick={() => onSave(null)} loading={saving}>
                恢复沿用上级规则
              </Button>
            )}
          </Space>
        )}
      </Form>
    </Card>
  );
}
