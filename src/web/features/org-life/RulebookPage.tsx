import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { type MeetingType, PERIOD_UNIT_LABELS } from '../../../domain/org-life-rules';
import { PERIOD_UNITS, type PeriodUnit } from '../../../domain/period';
import { errorMessage } from '../../app/http';
import { useToday } from '../../app/today';
import { idParam, useUrlParams } from '../../app/url-params';
import { useSave } from '../../components/FormModal';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { OrgTree, useFirstRootUntilChosen } from '../orgs';
import {
  type EffectiveRule,
  type NationalRule,
  type OrgLifeSettings,
  type OverrideInput,
  orgLifeKeys,
  orgLifeQueries,
  type Rulebook,
  type RuleOverride,
  retireOverride,
  type SettingsInput,
  tightenRule,
  updateSettings,
} from './api';
import { MonthStartInput, nextMonthStart } from './MonthStartInput';

const requirement = (r: { unitLabel: string; minCount: number }) => `${r.unitLabel}至少 ${r.minCount} 次`;

function appliesText(r: NationalRule) {
  return `${r.appliesTo.join('、')}${r.condition === 'committee' ? '（设有支委会的）' : ''}`;
}

/** The org this page shows, kept in the URL (?orgId=12). */
function useOrgId(): [number | null, (id: number) => void] {
  const [params, patch] = useUrlParams();
  const set = useCallback((id: number) => patch({ orgId: id }), [patch]);
  return [idParam(params, 'orgId'), set];
}

/** 组织生活规则: the national rulebook, what binds an org today and why, and the stricter local rules. */
export function RulebookPage() {
  const [orgId, setOrgId] = useOrgId();
  const roots = useFirstRootUntilChosen(orgId, setOrgId);

  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree selectedId={orgId} onSelect={(id) => id !== null && setOrgId(id)} keepSelection />
      </TreeColumn>
      <div style={{ flex: 1, minWidth: 0 }}>
        {orgId === null ? (
          roots.isError ? (
            <QueryError error={roots.error} retry={() => void roots.refetch()} />
          ) : (
            <Card>
              <Empty description="请在左侧选择组织" />
            </Card>
          )
        ) : (
          <RulebookView orgId={orgId} />
        )}
      </div>
    </TwoColumns>
  );
}

function RulebookView({ orgId }: { orgId: number }) {
  const rulebook = useQuery(orgLifeQueries.rulebook(orgId));
  const [tightening, setTightening] = useState(false);
  const today = useToday();

  if (rulebook.isError) return <QueryError error={rulebook.error} retry={() => void rulebook.refetch()} />;
  const r = rulebook.data;
  if (!r || r.orgId !== orgId) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rulebook">
      <Card
        size="small"
        title={`现行规则 · ${r.orgName}`}
        extra={
          r.canTighten && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTightening(true)}
              data-testid="open-tighten"
            >
              从严设定
            </Button>
          )
        }
      >
        <EffectiveTable rules={r.effective} />
      </Card>
      <OverridesCard rulebook={r} today={today} />
      <Card size="small" title={`全国规定（版本：${r.version}）`}>
        <NationalTable rules={r.national} />
      </Card>
      <SettingsCard orgId={orgId} today={today} />
      {tightening && <TightenModal rulebook={r} today={today} onClose={() => setTightening(false)} />}
    </Space>
  );
}

/** On a phone the type, requirement and source share one cell, so the citation keeps a readable width. */
function TypeCell({ rule, source }: { rule: NationalRule; source?: ReactNode }) {
  return (
    <div>
      <div>{rule.meetingType}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {requirement(rule)}
      </Typography.Text>
      {source && <div>{source}</div>}
    </div>
  );
}

function SourceTag({ rule }: { rule: EffectiveRule }) {
  return rule.source === 'national' ? (
    <Tag>全国规定</Tag>
  ) : (
    <Tag color="red" style={{ whiteSpace: 'normal' }}>
      从严规定{rule.sourceOrgName ? `：${rule.sourceOrgName}` : ''}
    </Tag>
  );
}

function EffectiveTable({ rules }: { rules: EffectiveRule[] }) {
  const phone = !Grid.useBreakpoint().md;
  const columns: TableProps<EffectiveRule>['columns'] = phone
    ? [
        {
          title: '会议类型',
          key: 'type',
          width: 128,
          render: (_, rule) => <TypeCell rule={rule} source={<SourceTag rule={rule} />} />,
        },
        { title: '依据', dataIndex: 'regulation' },
      ]
    : [
        { title: '会议类型', dataIndex: 'meetingType', width: 120 },
        { title: '要求', key: 'req', width: 130, render: (_, rule) => requirement(rule) },
        {
          title: '适用于',
          key: 'applies',
          width: 170,
          responsive: ['lg'],
          render: (_, rule) => appliesText(rule),
        },
        { title: '依据', dataIndex: 'regulation' },
        { title: '来源', key: 'source', width: 170, render: (_, rule) => <SourceTag rule={rule} /> },
      ];
  return (
    <Table<EffectiveRule>
      size="small"
      rowKey="meetingType"
      columns={columns}
      dataSource={rules}
      pagination={false}
      data-testid="effective-rules"
    />
  );
}

function NationalTable({ rules }: { rules: NationalRule[] }) {
  const phone = !Grid.useBreakpoint().md;
  const columns: TableProps<NationalRule>['columns'] = phone
    ? [
        {
          title: '会议类型',
          key: 'type',
          width: 128,
          render: (_, rule) => (
            <TypeCell
              rule={rule}
              source={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {appliesText(rule)}
                </Typography.Text>
              }
            />
          ),
        },
        { title: '依据', dataIndex: 'regulation' },
      ]
    : [
        { title: '会议类型', dataIndex: 'meetingType', width: 120 },
        { title: '要求', key: 'req', width: 130, render: (_, rule) => requirement(rule) },
        { title: '适用于', key: 'applies', width: 170, render: (_, rule) => appliesText(rule) },
        { title: '依据', dataIndex: 'regulation' },
      ];
  return (
    <Table<NationalRule>
      size="small"
      rowKey="meetingType"
      columns={columns}
      dataSource={rules}
      pagination={false}
    />
  );
}

function overrideState(o: RuleOverride, today: string): { label: string; color: string } {
  if (o.validTo !== null && o.validTo <= today) return { label: '已停止', color: 'default' };
  if (o.validFrom > today) return { label: '尚未生效', color: 'blue' };
  if (o.validTo !== null) return { label: `执行至 ${o.validTo} 前`, color: 'gold' };
  return { label: '执行中', color: 'green' };
}

function OverridesCard({ rulebook, today }: { rulebook: Rulebook; today: string }) {
  const [retiring, setRetiring] = useState<RuleOverride | null>(null);
  const columns: TableProps<RuleOverride>['columns'] = [
    { title: '会议类型', dataIndex: 'meetingType', width: 110 },
    { title: '要求', key: 'req', width: 130, render: (_, o) => requirement(o) },
    { title: '依据', dataIndex: 'regulation' },
    {
      title: '生效期间',
      key: 'valid',
      width: 190,
      render: (_, o) => `${o.validFrom} 起${o.validTo ? `，${o.validTo} 停止` : ''}`,
    },
    {
      title: '设定组织',
      key: 'org',
      width: 180,
      render: (_, o) => (o.own ? <Tag color="blue">本组织</Tag> : <span>上级：{o.orgName}</span>),
    },
    {
      title: '状态',
      key: 'state',
      width: 120,
      render: (_, o) => {
        const s = overrideState(o, today);
        return <Tag color={s.color}>{s.label}</Tag>;
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, o) =>
        rulebook.canTighten && o.own && (o.validTo === null || o.validTo > today) ? (
          <Typography.Link onClick={() => setRetiring(o)} data-testid={`retire-${o.id}`}>
            停止执行
          </Typography.Link>
        ) : null,
    },
  ];
  return (
    <Card size="small" title="从严规定（本组织及上级设定）">
      <Table<RuleOverride>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rulebook.overrides}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="overrides"
        locale={{
          emptyText: '没有从严规定，执行全国规定。上级党组织可以为下级从严设定（只能从严，不能放宽）。',
        }}
      />
      {retiring && (
        <RetireModal
          override={retiring}
          orgId={rulebook.orgId}
          today={today}
          onClose={() => setRetiring(null)}
        />
      )}
    </Card>
  );
}

interface TightenValues {
  meetingType: MeetingType;
  unit: PeriodUnit;
  minCount: number;
  regulation: string;
  validFrom: string;
}

function TightenModal({
  rulebook,
  today,
  onClose,
}: {
  rulebook: Rulebook;
  today: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<TightenValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const meetingType = Form.useWatch('meetingType', form);
  const national = rulebook.national.find((r) => r.meetingType === meetingType);
  const current = rulebook.effective.find((r) => r.meetingType === meetingType);

  const save = useSave({
    form,
    fields: ['meetingType', 'unit', 'minCount', 'regulation', 'validFrom'],
    save: (input: OverrideInput) => tightenRule(input),
    put: (next) => [orgLifeKeys.rulebook(next.orgId), next],
    invalidate: [orgLifeKeys.all],
    success: '从严规定已保存，本组织及下级的达标情况已按新规则重新计算',
    onSaved: onClose,
    onProblem: setProblem,
  });

  return (
    <Modal
      open
      title={`从严设定 · ${rulebook.orgName}`}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        对本组织及全部下级组织生效。只能比全国规定和上级规定更严，不能放宽；已经考核的月份不受影响。
      </Typography.Paragraph>
      <Form<TightenValues>
        form={form}
        layout="vertical"
        initialValues={{ unit: 'month', minCount: 1, validFrom: nextMonthStart(today) }}
        onValuesChange={() => setProblem(null)}
        onFinish={(v) => save.mutate({ orgId: rulebook.orgId, ...v })}
        data-testid="tighten-form"
      >
        <Form.Item
          name="meetingType"
          label="会议类型"
          rules={[{ required: true, message: '请选择会议类型' }]}
          extra={
            national &&
            `全国规定：${requirement(national)}${current?.source === 'override' ? `；现行：${requirement(current)}` : ''}`
          }
        >
          <Select
            placeholder="选择会议类型"
            options={rulebook.national.map((r) => ({ value: r.meetingType, label: r.meetingType }))}
          />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="unit" label="周期" style={{ flex: 1 }} rules={[{ required: true }]}>
            <Select options={PERIOD_UNITS.map((u) => ({ value: u, label: PERIOD_UNIT_LABELS[u] }))} />
          </Form.Item>
          <Form.Item
            name="minCount"
            label="至少召开（次）"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请填写次数' }]}
          >
            <InputNumber min={1} max={31} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item
          name="regulation"
          label="规定依据"
          rules={[{ required: true, whitespace: true, message: '请填写规定依据' }]}
        >
          <Input maxLength={200} showCount placeholder="如：市直机关工委〔2026〕3号：党课每月1次" />
        </Form.Item>
        <Form.Item name="validFrom" label="生效月份" rules={[{ required: true, message: '请选择生效月份' }]}>
          <MonthStartInput notBefore={today} />
        </Form.Item>
      </Form>
      {problem && (
        <Alert type="error" showIcon title="不能保存" description={problem} data-testid="tighten-error" />
      )}
    </Modal>
  );
}

function RetireModal({
  override,
  orgId,
  today,
  onClose,
}: {
  override: RuleOverride;
  orgId: number;
  today: string;
  onClose: () => void;
}) {
  const [validTo, setValidTo] = useState<string>(
    override.validFrom > today ? override.validFrom : nextMonthStart(today),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const retire = useAction({
    run: () => retireOverride(override.id, validTo),
    put: (next) => [orgLifeKeys.rulebook(orgId), next],
    invalidate: [orgLifeKeys.all],
    success: '已停止执行，届时恢复执行全国规定或上级规定',
    onDone: onClose,
    onError: (error) => setProblem(errorMessage(error)),
  });
  return (
    <Modal
      open
      title={`停止执行：${override.meetingType}${requirement(override)}`}
      okText="停止执行"
      okButtonProps={{ danger: true }}
      onOk={() => retire.mutate()}
      onCancel={onClose}
      confirmLoading={retire.isPending}
    >
      <Typography.Paragraph>
        自所选月份 1 日起不再执行这条从严规定，此前的月份仍按它考核。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="停止执行的月份">
          <MonthStartInput
            value={validTo}
            onChange={(v) => {
              setProblem(null);
              if (v) setValidTo(v);
            }}
            notBefore={today}
          />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}

interface SettingsValues {
  trackingSince: string;
  reminderLeadDays: number;
  lockAfterDays: number;
}

/** Tree-wide settings: shown to everyone on the page, editable by whoever sets rules for the whole tree. */
function SettingsCard({ orgId, today }: { orgId: number; today: string }) {
  const settings = useQuery(orgLifeQueries.settings(orgId));
  const [editing, setEditing] = useState(false);
  const s = settings.data;
  return (
    <Card
      size="small"
      title="组织生活设置（整个组织树）"
      extra={
        s?.canEdit &&
        !editing && (
          <Button size="small" onClick={() => setEditing(true)} data-testid="edit-settings">
            修改
          </Button>
        )
      }
    >
      {settings.isError ? (
        <QueryError error={settings.error} retry={() => void settings.refetch()} />
      ) : !s ? (
        <Spin />
      ) : editing ? (
        <SettingsForm settings={s} orgId={orgId} today={today} onDone={() => setEditing(false)} />
      ) : (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'since', label: '统计起始日期', children: s.trackingSince },
            { key: 'lead', label: '提前提醒', children: `周期结束前 ${s.reminderLeadDays} 天` },
            { key: 'lock', label: '记录锁定', children: `登记后 ${s.lockAfterDays} 天归档，之后只能更正` },
          ]}
        />
      )}
    </Card>
  );
}

function SettingsForm({
  settings,
  orgId,
  today,
  onDone,
}: {
  settings: OrgLifeSettings;
  orgId: number;
  today: string;
  onDone: () => void;
}) {
  const [form] = Form.useForm<SettingsValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const save = useSave({
    form,
    fields: ['trackingSince', 'reminderLeadDays', 'lockAfterDays'],
    save: (input: SettingsInput) => updateSettings(input),
    put: (next) => [orgLifeKeys.settings(orgId), next],
    invalidate: [orgLifeKeys.all],
    success: '设置已保存',
    onSaved: onDone,
    onProblem: setProblem,
  });
  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      initialValues={{
        trackingSince: settings.trackingSince,
        reminderLeadDays: settings.reminderLeadDays,
        lockAfterDays: settings.lockAfterDays,
      }}
      onValuesChange={() => setProblem(null)}
      onFinish={(v) => save.mutate({ orgId, ...v })}
      data-testid="settings-form"
      style={{ maxWidth: 560 }}
    >
      <Form.Item
        name="trackingSince"
        label="统计起始月份"
        extra="此前的月份不考核。修改后将重新计算整个组织树的达标统计。"
        rules={[{ required: true }]}
      >
        <MonthStartInput notAfter={today} />
      </Form.Item>
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
        <Form.Item name="reminderLeadDays" label="周期结束前几天提醒" rules={[{ required: true }]}>
          <InputNumber min={0} max={60} precision={0} suffix="天" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="lockAfterDays" label="会议记录登记后几天归档锁定" rules={[{ required: true }]}>
          <InputNumber min={1} max={366} precision={0} suffix="天" style={{ width: 160 }} />
        </Form.Item>
      </div>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form.Item style={{ marginBottom: 0 }}>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-settings">
            保存
          </Button>
          <Button onClick={onDone}>取消</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
