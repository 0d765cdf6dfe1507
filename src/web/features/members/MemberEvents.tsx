import { Button, Card, Empty, Form, Input, Select, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { addMonths } from '../../../domain/calendar';
import { EVENT_RESULT, MEMBER_STATUSES, type MemberEventKind } from '../../../domain/member-status';
import { LIMITS } from '../../../shared/limits';
import { useToday } from '../../app/today';
import { DateInput } from '../../components/DateInput';
import { useSave } from '../../components/FormModal';
import { MEMBER_HOLDING_TYPES, OrgPicker, orgKeys } from '../orgs';
import {
  addMemberEvent,
  type MemberDetail,
  type MemberEvent,
  type MemberEventInput,
  memberKeys,
} from './api';
import { StatusTag } from './display';

/** Letters of transfer are valid for three months from issue (the server enforces the same limit). */
const LETTER_MONTHS = 3;

/** The member's status history, latest first. */
export function MemberTimeline({ events }: { events: readonly MemberEvent[] }) {
  if (events.length === 0) return <Empty description="暂无状态变动记录" />;
  const latestFirst = [...events].reverse();
  return (
    <Timeline
      data-testid="member-timeline"
      items={latestFirst.map((e, i) => ({
        key: e.id,
        color: i === 0 ? 'red' : 'gray',
        content: (
          <div>
            <Space wrap size={4}>
              <Typography.Text type="secondary" className="zb-nowrap">
                {e.effectiveDate}
              </Typography.Text>
              <Typography.Text strong>{e.kind}</Typography.Text>
              <StatusTag status={e.status} />
              <Typography.Text type="secondary">{e.orgName}</Typography.Text>
            </Space>
            {(e.counterpartOrg || e.letterNo) && (
              <div>
                <Typography.Text type="secondary">
                  {e.counterpartOrg && `对方组织：${e.counterpartOrg}`}
                  {e.letterNo && `　介绍信：${e.letterNo}`}
                  {e.letterValidUntil && `（有效期至 ${e.letterValidUntil}）`}
                </Typography.Text>
              </div>
            )}
            {e.note && (
              <div>
                <Typography.Text type="secondary">{e.note}</Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

type EventFormValues = Omit<MemberEventInput, 'effectiveDate'> & { effectiveDate: string };

const EVENT_FIELDS = [
  'kind',
  'effectiveDate',
  'toOrgId',
  'status',
  'letterNo',
  'counterpartOrg',
  'letterValidUntil',
  'note',
];

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Records a status event; which kinds are offered follows the member's current status. */
export function MemberEventForm({ member }: { member: MemberDetail }) {
  const today = useToday();
  const [form] = Form.useForm<EventFormValues>();
  const [open, setOpen] = useState(false);
  const kind = Form.useWatch('kind', form) as MemberEventKind | undefined;
  const effectiveDate = Form.useWatch('effectiveDate', form) as string | undefined;

  const record = useSave({
    form,
    fields: EVENT_FIELDS,
    save: (v: EventFormValues) =>
      addMemberEvent(member.id, {
        kind: v.kind,
        effectiveDate: v.effectiveDate,
        toOrgId: v.kind === '支部间调动' ? v.toOrgId : undefined,
        status: v.kind === '转入' || v.kind === '更正' ? v.status : undefined,
        letterNo: blank(v.letterNo),
        counterpartOrg: blank(v.counterpartOrg),
        letterValidUntil: v.kind === '转出' ? (v.letterValidUntil ?? null) : null,
        note: blank(v.note),
      }),
    put: (detail) => [memberKeys.detail(member.id), detail],
    invalidate: [memberKeys.all, orgKeys.all],
    waitForRefresh: true,
    success: (_detail, v) => `已登记“${v.kind}”`,
    onSaved: () => {
      form.resetFields();
      setOpen(false);
    },
  });

  if (member.allowedEvents.length === 0) return null;
  if (!open)
    return (
      <Button type="primary" onClick={() => setOpen(true)} data-testid="add-event">
        登记状态变动
      </Button>
    );

  const result = kind ? EVENT_RESULT[kind] : null;
  const maxLetterDate = effectiveDate ? addMonths(effectiveDate, LETTER_MONTHS) : undefined;

  return (
    <Card size="small" title="登记状态变动">
      <Form<EventFormValues>
        form={form}
        layout="vertical"
        initialValues={{ effectiveDate: today }}
        onFinish={(v) => record.mutate(v)}
      >
        <Form.Item
          name="kind"
          label="变动类型"
          rules={[{ required: true, message: '请选择变动类型' }]}
          extra={result ? `办理后状态：${result}` : undefined}
        >
          <Select options={member.allowedEvents.map((k) => ({ value: k, label: k }))} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          name="effectiveDate"
          label="生效日期"
          rules={[{ required: true, message: '请选择生效日期' }]}
        >
          <DateInput notAfterToday allowClear={false} />
        </Form.Item>
        {kind === '支部间调动' && (
          <Form.Item
            name="toOrgId"
            label="调入支部"
            rules={[{ required: true, message: '请选择调入的支部' }]}
          >
            <OrgPicker types={MEMBER_HOLDING_TYPES} excludeIds={[member.orgId]} />
          </Form.Item>
        )}
        {(kind === '转入' || kind === '更正') && (
          <Form.Item
            name="status"
            label="变动后状态"
            rules={[{ required: true, message: '请选择变动后的党员状态' }]}
          >
            <Select options={MEMBER_STATUSES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        )}
        {(kind === '转出' || kind === '转入') && (
          <>
            <Form.Item
              name="counterpartOrg"
              label={kind === '转出' ? '转往党组织' : '转出党组织'}
              rules={[
                { required: kind === '转出', whitespace: true, message: '请填写转往的党组织' },
                { max: LIMITS.orgNameMax },
              ]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="letterNo" label="介绍信编号" rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </>
        )}
        {kind === '转出' && (
          <Form.Item
            name="letterValidUntil"
            label="介绍信有效期至"
            extra={`不超过开具之日起 ${LETTER_MONTHS} 个月${maxLetterDate ? `（至 ${maxLetterDate}）` : ''}；留空则按最长有效期`}
          >
            <DateInput />
          </Form.Item>
        )}
        <Form.Item name="note" label="说明" rules={[{ max: LIMITS.noteMax }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            登记
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setOpen(false);
            }}
          >
            取消
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
