import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { STUDY_SESSION_KINDS } from '../../../domain/study';
import { useToday } from '../../app/today';
import { CheckList } from '../../components/CheckList';
import { confirmDelete } from '../../components/confirm-delete';
import { DateInput } from '../../components/DateInput';
import { FormModal, useSave } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { RecordDrawer } from '../../components/RecordDrawer';
import { useAction } from '../../components/useAction';
import {
  createSession,
  deleteSession,
  type SessionDetail,
  studyKeys,
  studyQueries,
  syncSession,
  updateSession,
} from './api';

type Kind = (typeof STUDY_SESSION_KINDS)[number];

interface SessionValues {
  status: 'planned' | 'held';
  kind: Kind;
  title: string;
  date?: string;
  hours: number;
  place?: string;
  lecturerName?: string;
  content?: string;
  planId?: number | null;
  meetingId?: number | null;
  present?: number[];
}

const FIELDS = ['title', 'date', 'hours', 'kind', 'place', 'lecturerName', 'content', 'planId'];

/** The plans a session of `sessionOrgId` may belong to: the selected org's and the session org's own. */
function usePlanOptions(orgId: number, sessionOrgId: number, year: number) {
  const plans = useQuery(studyQueries.plans(orgId, year));
  return (plans.data?.rows ?? [])
    .filter((p) => p.orgId === orgId || p.orgId === sessionOrgId)
    .map((p) => ({
      value: p.id,
      label: `${p.title}（${p.quarter ? `第${p.quarter}季度` : '全年'}）`,
    }));
}

/**
 * Everyone the server accepts as present at a sitting of the org on that date (the roster then, by status
 * history), ticked from a checkbox list.
 */
function AttendanceField({ orgId, form }: { orgId: number; form: FormInstance<SessionValues> }) {
  const today = useToday();
  const date = (Form.useWatch('date', form) as string | undefined) ?? today;
  const roster = useQuery(studyQueries.roster(orgId, date));
  if (roster.isError) return <QueryError error={roster.error} retry={() => void roster.refetch()} />;
  return (
    <Form.Item
      name="present"
      label={`出席人员（${date} 在册党员 ${roster.data?.rows.length ?? '…'} 人）`}
      extra="只能勾选学习当日在册的党员；学时按出席计入，计划状态下不计学时。"
    >
      <CheckList<number>
        testId="session-attendance"
        options={(roster.data?.rows ?? []).map((m) => ({ value: m.memberId, label: m.name }))}
      />
    </Form.Item>
  );
}

function CommonFields({
  planOptions,
  showDate,
}: {
  planOptions: { value: number; label: string }[];
  showDate: boolean;
}) {
  return (
    <>
      <Space wrap>
        <Form.Item name="status" label="状态">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'planned', label: '计划' },
              { value: 'held', label: '已开展' },
            ]}
          />
        </Form.Item>
        <Form.Item name="kind" label="形式" rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={STUDY_SESSION_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        {showDate && (
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DateInput allowClear={false} />
          </Form.Item>
        )}
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0} max={8} step={0.5} />
        </Form.Item>
      </Space>
      <Form.Item name="title" label="学习主题" rules={[{ required: true, message: '请填写学习主题' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="lecturerName" label="主讲人">
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="place" label="地点">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="planId" label="所属学习计划">
          <Select allowClear placeholder="不属于计划" style={{ width: 260 }} options={planOptions} />
        </Form.Item>
      </Space>
      <Form.Item name="content" label="学习内容">
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
    </>
  );
}

/** Plan or record a new sitting; a sitting that is also a meeting record takes the meeting's attendance. */
export function SessionModal({ orgId, year, onClose }: { orgId: number; year: number; onClose: () => void }) {
  const today = useToday();
  const [form] = Form.useForm<SessionValues>();
  const meetingId = Form.useWatch('meetingId', form);
  const candidates = useQuery(studyQueries.candidates(orgId, year));
  const planOptions = usePlanOptions(orgId, orgId, year);
  const save = useSave({
    form,
    fields: FIELDS,
    save: (v: SessionValues) =>
      createSession({
        orgId,
        status: v.status,
        kind: v.kind,
        title: v.title,
        date: v.date ?? today,
        hours: v.hours,
        place: v.place ?? '',
        lecturerName: v.lecturerName || null,
        content: v.content ?? '',
        planId: v.planId ?? null,
        meetingId: v.meetingId ?? null,
        presentMemberIds: v.present ?? [],
      }),
    invalidate: [studyKeys.all],
    success: '已保存学习活动',
    onSaved: onClose,
  });
  return (
    <FormModal<SessionValues>
      title="登记学习活动"
      width={680}
      form={form}
      initialValues={{ kind: '集中学习', status: 'held', hours: 2, date: today }}
      saving={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onClose={onClose}
    >
      <Form.Item name="meetingId" label="关联会议记录（如主题党日中的集中学习：出席沿用会议记录，只计一次）">
        <Select
          allowClear
          placeholder="不关联"
          options={(candidates.data?.rows ?? []).map((m) => ({
            value: m.id,
            label: `${m.date} ${m.title}（出席 ${m.present} 人）`,
          }))}
        />
      </Form.Item>
      <CommonFields planOptions={planOptions} showDate={!meetingId} />
      {!meetingId && <AttendanceField orgId={orgId} form={form} />}
    </FormModal>
  );
}

/** One sitting, opened from the list: edit it, record it as held with attendance, re-sync, delete. */
export function SessionDrawer({
  sessionId,
  orgId,
  year,
  onClose,
}: {
  sessionId: number | null;
  orgId: number;
  year: number;
  onClose: () => void;
}) {
  const detail = useQuery({ ...studyQueries.session(sessionId ?? 0), enabled: sessionId !== null });
  const s = detail.data;
  return (
    <RecordDrawer
      open={sessionId !== null}
      onClose={onClose}
      width={720}
      className="zb-session-drawer"
      query={detail}
      title={
        s ? (
          <Space>
            <span>{s.title}</span>
            {s.status === 'held' ? <Tag color="green">已开展</Tag> : <Tag>计划</Tag>}
          </Space>
        ) : (
          '学习活动'
        )
      }
    >
      {(session) => (
        <SessionEditor
          key={`${session.id}:${session.status}:${session.present}`}
          session={session}
          orgId={orgId}
          year={year}
          onClose={onClose}
        />
      )}
    </RecordDrawer>
  );
}

function SessionEditor({
  session: s,
  orgId,
  year,
  onClose,
}: {
  session: SessionDetail;
  orgId: number;
  year: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<SessionValues>();
  const { modal } = App.useApp();
  const linked = s.attendanceFrom === 'meeting';
  const planOptions = usePlanOptions(orgId, s.orgId, year);
  if (s.planId !== null && !planOptions.some((o) => o.value === s.planId))
    planOptions.push({ value: s.planId, label: '上级组织的学习计划' });
  const save = useSave({
    form,
    fields: FIELDS,
    save: (v: SessionValues) =>
      updateSession(s.id, {
        status: v.status,
        kind: v.kind,
        title: v.title,
        hours: v.hours,
        place: v.place ?? '',
        lecturerName: v.lecturerName || null,
        content: v.content ?? '',
        planId: v.planId ?? null,
        ...(linked ? {} : { date: v.date, presentMemberIds: v.present ?? [] }),
      }),
    invalidate: [studyKeys.all],
    success: (r) => (r.status === 'held' ? `已保存：出席 ${r.present} 人，学时已计入` : '已保存学习活动'),
    onSaved: onClose,
  });
  const sync = useAction({
    run: () => syncSession(s.id),
    invalidate: [studyKeys.all],
    success: (r) => `已重新沿用会议出席：出席 ${r.present} 人`,
  });
  const remove = useAction({
    run: () => deleteSession(s.id),
    invalidate: [studyKeys.all],
    success: '已删除学习活动',
    onDone: onClose,
  });
  const askDelete = () =>
    confirmDelete(
      modal,
      `删除学习活动“${s.title}”？`,
      s.status === 'held' ? '已计入党员的学时将随之扣除。' : '删除后不可恢复。',
      () => remove.mutateAsync(),
    );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {s.orgName} · {s.date} · {s.kind} · {s.hours} 学时 · 出席 {s.present}/{s.expected}
      </Typography.Text>
      {linked && (
        <Alert
          type="info"
          showIcon
          message={`本次学习即会议记录“${s.meetingTitle ?? ''}”：日期和出席沿用会议记录，学时只计一次。`}
          action={
            s.canEdit && (
              <Button size="small" loading={sync.isPending} onClick={() => sync.mutate()}>
                重新同步会议出席
              </Button>
            )
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        disabled={!s.canEdit}
        initialValues={{
          status: s.status,
          kind: s.kind,
          title: s.title,
          date: s.date,
          hours: s.hours,
          place: s.place,
          lecturerName: s.lecturerName ?? undefined,
          content: s.content,
          planId: s.planId ?? undefined,
          present: s.attendees.filter((a) => a.present).map((a) => a.memberId),
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <CommonFields planOptions={planOptions} showDate={!linked} />
        {linked ? (
          <Form.Item label={`出席（会议记录，${s.present}/${s.expected}）`}>
            <Space wrap size={4}>
              {s.attendees.map((a) => (
                <Tag key={a.memberId} color={a.present ? 'green' : undefined}>
                  {a.name}
                  {a.present ? '' : '（缺席）'}
                </Tag>
              ))}
            </Space>
          </Form.Item>
        ) : (
          s.canEdit && <AttendanceField orgId={s.orgId} form={form} />
        )}
      </Form>
      {!linked && !s.canEdit && (
        <Typography.Paragraph>
          出席：
          {s.attendees
            .filter((a) => a.present)
            .map((a) => a.name)
            .join('、') || '无'}
        </Typography.Paragraph>
      )}
      {s.canEdit && (
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Button danger onClick={askDelete} loading={remove.isPending}>
            删除
          </Button>
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              保存
            </Button>
          </Space>
        </Space>
      )}
    </Space>
  );
}
