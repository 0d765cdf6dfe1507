import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import {
  ATTENDANCE_LABELS,
  type Attendance,
  defaultTitle,
  recordWarnings,
  typesAllowedFor,
} from '../../../domain/meeting-record';
import type { MeetingType } from '../../../domain/org-life-rules';
import type { OrgType } from '../../../domain/org-rules';
import { MEETING_LIMITS } from '../../../shared/limits';
import { errorMessage } from '../../app/http';
import { DateInput, TimeInput } from '../../components/DateInput';
import { showFieldErrors } from '../../components/form-errors';
import { dictionaryOptions, useDictionaries } from '../dictionaries';
import { type MeetingDetail, type MeetingUpdateInput, meetingQueries } from './api';
import { ValidityWarnings } from './display';

/** One row of the attendance table as the form edits it. */
export interface AttendanceRow {
  memberId: number;
  name: string;
  memberStatus: string;
  expected: boolean;
  attendance: Attendance;
  absenceReason: string | null;
  note: string | null;
}

export interface MeetingFormValues {
  types: MeetingType[];
  title?: string | null;
  date: string;
  startTime: string;
  endTime: string;
  place?: string;
  hostName?: string | null;
  recorderName?: string | null;
  lecturerName?: string | null;
  topic?: string | null;
  guests?: string[];
  agenda?: string | null;
  minutes?: string | null;
  resolutions?: string | null;
  votes?: { matter: string; inFavour: number; against: number; abstain: number }[];
}

const FIELDS = [
  'types',
  'title',
  'date',
  'startTime',
  'endTime',
  'place',
  'hostName',
  'recorderName',
  'lecturerName',
  'topic',
  'guests',
  'agenda',
  'minutes',
  'resolutions',
  'votes',
  'reason',
] as const;

type Mode = 'create' | 'edit' | 'amend';

interface MeetingEditorProps {
  mode: Mode;
  orgId: number;
  orgType: OrgType;
  /** The record being edited or amended. */
  meeting?: MeetingDetail;
  /** Recording a sitting (attendance and minutes) rather than planning one. */
  recording: boolean;
  busy: boolean;
  /** Sends the record; throws the API error so the form can place it. */
  onSubmit: (values: MeetingUpdateInput, extra: { reason?: string }) => Promise<void>;
  onCancel: () => void;
  submitLabel: string;
}

const TIME_RULE = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '时间格式应为 HH:MM' };

/**
 * The one form of a meeting record: planning (when, where, who hosts, agenda), recording (attendance,
 * minutes, resolutions, votes) and amending a locked record (the same fields and a reason).
 */
export function MeetingEditor(props: MeetingEditorProps) {
  const { mode, orgId, orgType, meeting, recording, busy, onSubmit, onCancel, submitLabel } = props;
  const [form] = Form.useForm<MeetingFormValues & { reason?: string }>();
  const [formError, setFormError] = useState<string | null>(null);
  const dictionaries = useDictionaries();
  const reasons = dictionaryOptions(dictionaries.data, 'absenceReason');
  const allowed = typesAllowedFor(orgType);
  const types = (Form.useWatch('types', form) ?? []) as MeetingType[];
  const date = Form.useWatch('date', form) as string | undefined;

  // Attendance: the record's own rows; for a new record being entered after the fact, the roster on its date.
  const [rows, setRows] = useState<AttendanceRow[]>(() =>
    (meeting?.attendees ?? []).map((a) => ({ ...a, note: a.note ?? null })),
  );
  const needExpected = mode === 'create' && recording && types.length > 0 && !!date;
  // While recording, the committee on the date (and, for a new record, the roster) comes from the server.
  const expected = useQuery({
    ...meetingQueries.expected(orgId, date ?? '', types),
    enabled: recording && types.length > 0 && !!date,
  });
  const votes = (Form.useWatch('votes', form) ?? []) as NonNullable<MeetingFormValues['votes']>;
  const warnings = useMemo(
    () =>
      recording && expected.data
        ? recordWarnings(
            types,
            expected.data.committee,
            rows,
            votes.filter((v) => v?.matter).map((v) => ({ ...v, inFavour: v.inFavour ?? 0 })),
          )
        : [],
    [recording, expected.data, types, rows, votes],
  );
  useEffect(() => {
    if (!needExpected || !expected.data) return;
    setRows((current) => {
      const before = new Map(current.map((r) => [r.memberId, r]));
      return expected.data.attendees.map(
        (a) =>
          before.get(a.memberId) ?? {
            ...a,
            expected: true,
            attendance: 'unknown' as Attendance,
            absenceReason: null,
            note: null,
          },
      );
    });
  }, [needExpected, expected.data]);

  const initialValues: MeetingFormValues = useMemo(
    () =>
      meeting
        ? {
            types: meeting.types,
            title: meeting.title,
            date: meeting.date,
            startTime: meeting.startTime,
            endTime: meeting.endTime,
            place: meeting.place,
            hostName: meeting.hostName,
            recorderName: meeting.recorderName,
            lecturerName: meeting.lecturerName,
            topic: meeting.topic,
            guests: meeting.guests,
            agenda: meeting.agenda,
            minutes: meeting.minutes,
            resolutions: meeting.resolutions,
            votes: meeting.votes,
          }
        : { types: [], date: '', startTime: '09:00', endTime: '11:00', guests: [], votes: [] },
    [meeting],
  );

  const setRow = (memberId: number, patch: Partial<AttendanceRow>) =>
    setRows((current) => current.map((r) => (r.memberId === memberId ? { ...r, ...patch } : r)));

  const submit = async () => {
    setFormError(null);
    let values: MeetingFormValues & { reason?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const missingReason = rows.find((r) => r.attendance === 'absent' && !r.absenceReason);
    if (recording && missingReason) {
      setFormError(`请填写${missingReason.name}的缺席原因`);
      return;
    }
    const { reason, ...record } = values;
    const input: MeetingUpdateInput = {
      ...record,
      title: record.title?.trim() || null,
      place: record.place?.trim() ?? '',
      lecturerName: record.types.includes('党课') ? (record.lecturerName ?? null) : null,
      votes: record.votes ?? [],
      guests: record.guests ?? [],
      ...(recording
        ? {
            attendance: rows.map((r) => ({
              memberId: r.memberId,
              attendance: r.attendance,
              absenceReason: r.attendance === 'absent' ? r.absenceReason : null,
              note: r.note,
            })),
          }
        : {}),
    };
    try {
      await onSubmit(input, { reason });
    } catch (e) {
      if (!showFieldErrors(form, e, FIELDS)) setFormError(errorMessage(e));
    }
  };

  const present = rows.filter((r) => r.attendance === 'present').length;
  const expectedCount = rows.filter((r) => r.expected).length;
  const votersExpected = rows.filter((r) => r.expected && r.memberStatus === '正式党员').length;

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initialValues}
      disabled={busy}
      data-testid="meeting-form"
    >
      <Card size="small" title="基本信息" style={{ marginBottom: 12 }}>
        <Form.Item
          name="types"
          label="会议类型（一次会议可同时计为多种，即“套会”）"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种会议类型' }]}
        >
          <Checkbox.Group options={allowed.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择会议日期' }]}>
              <DateInput allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="startTime"
              label="开始时间"
              rules={[{ required: true, message: '请填写开始时间' }, TIME_RULE]}
            >
              <TimeInput />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="endTime"
              label="结束时间"
              dependencies={['startTime']}
              rules={[
                { required: true, message: '请填写结束时间' },
                TIME_RULE,
                ({ getFieldValue }) => ({
                  validator: (_, v: string) =>
                    !v || !getFieldValue('startTime') || v > getFieldValue('startTime')
                      ? Promise.resolve()
                      : Promise.reject(new Error('结束时间应晚于开始时间')),
                }),
              ]}
            >
              <TimeInput />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="place"
              label="地点"
              rules={[{ max: MEETING_LIMITS.placeMax, message: '地点不能超过 100 个字' }]}
            >
              <Input placeholder="如：机关三楼党员活动室" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label="会议名称">
          <Input
            maxLength={MEETING_LIMITS.titleMax}
            placeholder={types.length > 0 && date ? defaultTitle(types, date) : '不填则按日期和类型自动生成'}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="hostName" label="主持人">
              <Input maxLength={MEETING_LIMITS.personMax} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="recorderName" label="记录人">
              <Input maxLength={MEETING_LIMITS.personMax} />
            </Form.Item>
          </Col>
          {types.includes('党课') && (
            <Col xs={12} md={6}>
              <Form.Item
                name="lecturerName"
                label="授课人"
                rules={[{ required: recording, message: '党课须登记授课人' }]}
              >
                <Input maxLength={MEETING_LIMITS.personMax} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={types.includes('党课') ? 6 : 12}>
            <Form.Item name="topic" label={types.includes('党课') ? '党课题目' : '主题'}>
              <Input maxLength={MEETING_LIMITS.topicMax} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="agenda" label="议程">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={MEETING_LIMITS.textMax} />
        </Form.Item>
      </Card>

      {recording && (
        <Card
          size="small"
          title="出席情况"
          style={{ marginBottom: 12 }}
          extra={
            <Space wrap>
              <Typography.Text type="secondary">
                应到 {expectedCount} 人（其中有表决权的正式党员 {votersExpected} 人），实到 {present} 人
              </Typography.Text>
              <Button
                size="small"
                onClick={() =>
                  setRows((current) =>
                    current.map((r) => (r.attendance === 'unknown' ? { ...r, attendance: 'present' } : r)),
                  )
                }
              >
                未登记的全部记为出席
              </Button>
            </Space>
          }
        >
          {needExpected && expected.isFetching && (
            <Typography.Text type="secondary">正在读取应到人员…</Typography.Text>
          )}
          <Table<AttendanceRow>
            rowKey="memberId"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 640 }}
            locale={{ emptyText: types.length === 0 ? '选择会议类型和日期后显示应到人员' : '没有应到人员' }}
            data-testid="attendance-table"
            columns={[
              {
                title: '姓名',
                dataIndex: 'name',
                width: 110,
                render: (name: string, r) => (
                  <span>
                    {name}
                    {!r.expected && <Typography.Text type="secondary">（列席）</Typography.Text>}
                  </span>
                ),
              },
              { title: '当日身份', dataIndex: 'memberStatus', width: 90 },
              {
                title: '出席',
                key: 'attendance',
                width: 220,
                render: (_, r) => (
                  <Radio.Group
                    size="small"
                    optionType="button"
                    value={r.attendance}
                    onChange={(e) => setRow(r.memberId, { attendance: e.target.value as Attendance })}
                    options={(['present', 'absent', 'unknown'] as const).map((a) => ({
                      value: a,
                      label: ATTENDANCE_LABELS[a],
                    }))}
                    aria-label={`${r.name}的出席情况`}
                  />
                ),
              },
              {
                title: '缺席原因',
                key: 'reason',
                width: 130,
                render: (_, r) =>
                  r.attendance === 'absent' ? (
                    <Select
                      size="small"
                      style={{ width: 110 }}
                      value={r.absenceReason ?? undefined}
                      placeholder="请选择"
                      options={reasons}
                      onChange={(v) => setRow(r.memberId, { absenceReason: v })}
                      aria-label={`${r.name}的缺席原因`}
                    />
                  ) : null,
              },
              {
                title: '备注',
                key: 'note',
                render: (_, r) => (
                  <Input
                    size="small"
                    value={r.note ?? ''}
                    maxLength={200}
                    onChange={(e) => setRow(r.memberId, { note: e.target.value || null })}
                  />
                ),
              },
            ]}
          />
          <Form.Item
            name="guests"
            label="列席人员（非本支部党员或群众）"
            style={{ marginTop: 12, marginBottom: 0 }}
          >
            <Select
              mode="tags"
              tokenSeparators={['，', ',', '、']}
              placeholder="输入姓名后回车"
              open={false}
            />
          </Form.Item>
        </Card>
      )}

      {recording && (
        <Card size="small" title="会议内容" style={{ marginBottom: 12 }}>
          <Form.Item name="minutes" label="会议记录（发言要点、讨论情况）">
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 20 }} maxLength={MEETING_LIMITS.textMax} />
          </Form.Item>
          <Form.Item name="resolutions" label="决议">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={MEETING_LIMITS.textMax} />
          </Form.Item>
          <Typography.Text strong>表决</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            党员大会表决：赞成人数须超过应到会有表决权党员的半数（《中国共产党支部工作条例（试行）》第十一条）。
          </Typography.Paragraph>
          <Form.List name="votes">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item
                      name={[field.name, 'matter']}
                      rules={[{ required: true, message: '请填写表决事项' }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input placeholder="表决事项" style={{ width: 260 }} maxLength={200} />
                    </Form.Item>
                    {(['inFavour', 'against', 'abstain'] as const).map((k) => (
                      <Form.Item
                        key={k}
                        name={[field.name, k]}
                        initialValue={0}
                        rules={[{ required: true, message: '必填' }]}
                        style={{ marginBottom: 0 }}
                      >
                        <InputNumber
                          min={0}
                          precision={0}
                          addonBefore={k === 'inFavour' ? '赞成' : k === 'against' ? '反对' : '弃权'}
                          style={{ width: 130 }}
                        />
                      </Form.Item>
                    ))}
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label="删除表决"
                    />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ matter: '', inFavour: 0, against: 0, abstain: 0 })}
                >
                  添加表决事项
                </Button>
              </>
            )}
          </Form.List>
        </Card>
      )}

      {mode === 'amend' && (
        <Card size="small" title="更正原因" style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary">
            此记录已归档。更正会保留原记录，并连同原因、更正人和时间记入更正记录与审计日志。
          </Typography.Paragraph>
          <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }]}>
            <Input.TextArea
              autoSize={{ minRows: 2 }}
              maxLength={500}
              placeholder="如：会议记录中漏记一名党员请假"
            />
          </Form.Item>
        </Card>
      )}

      <ValidityWarnings
        warnings={warnings}
        title="按目前登记的出席和表决情况，这次会议不符合以下规定（仍可保存）"
        testId="live-validity-warnings"
      />
      {formError && (
        <Alert
          type="error"
          showIcon
          message={formError}
          style={{ marginBottom: 12 }}
          data-testid="form-error"
        />
      )}
      <Space>
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="meeting-submit">
          {submitLabel}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          取消
        </Button>
      </Space>
    </Form>
  );
}
