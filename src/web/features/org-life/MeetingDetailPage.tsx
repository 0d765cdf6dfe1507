import {
  DeleteOutlined,
  EditOutlined,
  FileWordOutlined,
  FormOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Popconfirm,
  Space,
  Spin,
  Table,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { OrgType } from '../../../domain/org-rules';
import { MEETING_LIMITS } from '../../../shared/limits';
import { errorMessage } from '../../app/http';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { orgQueries } from '../orgs';
import {
  type Attendee,
  amendMeeting,
  deleteAttachment,
  deleteMeeting,
  downloadAttachment,
  downloadMinutes,
  type MeetingDetail,
  type MeetingUpdateInput,
  meetingKeys,
  meetingQueries,
  updateMeeting,
  uploadAttachment,
} from './api';
import {
  AttendanceTag,
  dateWithWeekday,
  PhaseTag,
  shortInstant,
  TypeTags,
  timeRange,
  ValidityWarnings,
} from './display';
import { MeetingEditor } from './MeetingEditor';
import { SignInCard } from './SignInCard';

type Mode = 'view' | 'edit' | 'record' | 'amend';

const SNAPSHOT_LABELS: Record<string, string> = {
  types: '会议类型',
  title: '会议名称',
  date: '日期',
  startTime: '开始时间',
  endTime: '结束时间',
  place: '地点',
  hostName: '主持人',
  recorderName: '记录人',
  lecturerName: '授课人',
  topic: '主题',
  guests: '列席人员',
  agenda: '议程',
  minutes: '会议记录',
  resolutions: '决议',
  votes: '表决',
  attendees: '出席情况',
};

/** One meeting: its record, attendance, validity warnings, attachments and amendments. */
export function MeetingDetailPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const mode = (params.get('mode') ?? 'view') as Mode;
  const setMode = (next: Mode) => setParams(next === 'view' ? {} : { mode: next }, { replace: false });
  const navigate = useNavigate();
  const { message } = App.useApp();
  const meeting = useQuery(meetingQueries.detail(id));
  const orgId = meeting.data?.orgId ?? 0;
  const org = useQuery({ ...orgQueries.detail(orgId), enabled: orgId > 0 && mode !== 'view' });

  const save = useAction({
    run: (vars: { input: MeetingUpdateInput; reason?: string }) =>
      mode === 'amend'
        ? amendMeeting(id, { reason: vars.reason ?? '', changes: vars.input })
        : updateMeeting(id, mode === 'record' ? { ...vars.input, status: 'held' } : vars.input),
    put: (detail) => [meetingKeys.detail(id), detail],
    invalidate: [meetingKeys.all],
    success: mode === 'amend' ? '更正已保存，原记录已保留' : '会议记录已保存',
    onDone: () => setMode('view'),
  });
  const remove = useAction({
    run: () => deleteMeeting(id),
    invalidate: [meetingKeys.all],
    success: '会议已删除',
    onDone: () => void navigate(`/meetings?org=${orgId}`, { replace: true }),
  });

  if (meeting.isError) return <QueryError error={meeting.error} retry={() => void meeting.refetch()} />;
  if (!meeting.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const m = meeting.data;

  if (mode !== 'view') {
    const allowed = mode === 'amend' ? m.canAmend : m.canEdit;
    if (!allowed) return <Alert type="warning" showIcon message="此会议记录当前不能修改" />;
    if (!org.data) return org.isError ? <QueryError error={org.error} /> : <Spin />;
    const recording = mode !== 'edit' || m.status === 'held';
    return (
      <Card
        title={`${mode === 'amend' ? '更正' : mode === 'record' ? '登记会议召开情况' : '编辑'} · ${m.title}`}
      >
        <MeetingEditor
          mode={mode === 'amend' ? 'amend' : 'edit'}
          orgId={m.orgId}
          orgType={org.data.type as OrgType}
          meeting={m}
          recording={recording}
          busy={save.isPending}
          onSubmit={async (input, extra) => {
            await save.mutateAsync({ input, reason: extra.reason });
          }}
          onCancel={() => setMode('view')}
          submitLabel={mode === 'amend' ? '保存更正' : mode === 'record' ? '保存，会议已召开' : '保存'}
        />
      </Card>
    );
  }

  const actions = (
    <Space wrap>
      {m.canEdit && m.status === 'planned' && (
        <Button
          type="primary"
          icon={<FormOutlined />}
          onClick={() => setMode('record')}
          data-testid="record-meeting"
        >
          登记召开情况
        </Button>
      )}
      {m.canEdit && (
        <Button icon={<EditOutlined />} onClick={() => setMode('edit')} data-testid="edit-meeting">
          编辑
        </Button>
      )}
      {m.canAmend && (
        <Button icon={<EditOutlined />} onClick={() => setMode('amend')} data-testid="amend-meeting">
          更正
        </Button>
      )}
      {m.status === 'held' && (
        <Button
          icon={<FileWordOutlined />}
          onClick={() => void downloadMinutes(m).catch((e) => message.error(errorMessage(e)))}
          data-testid="export-minutes"
        >
          导出会议记录
        </Button>
      )}
      {m.canDelete && (
        <Popconfirm
          title="删除这次会议？"
          description="计划通知和出席登记一并删除。"
          onConfirm={() => remove.mutate()}
        >
          <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
            删除
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="meeting-detail">
      <Card
        title={
          <Space wrap>
            <span>{m.title}</span>
            <PhaseTag phase={m.phase} />
          </Space>
        }
        extra={actions}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'types', label: '会议类型', children: <TypeTags types={m.types} /> },
            { key: 'org', label: '组织', children: m.orgName },
            { key: 'date', label: '时间', children: `${dateWithWeekday(m.date)} ${timeRange(m)}` },
            { key: 'place', label: '地点', children: m.place || '—' },
            { key: 'host', label: '主持人', children: m.hostName || '—' },
            { key: 'recorder', label: '记录人', children: m.recorderName || '—' },
            ...(m.types.includes('党课')
              ? [{ key: 'lecturer', label: '授课人', children: m.lecturerName || '—' }]
              : []),
            { key: 'topic', label: m.types.includes('党课') ? '党课题目' : '主题', children: m.topic || '—' },
            {
              key: 'lock',
              label: '归档',
              children: m.locksOn
                ? m.phase === 'locked'
                  ? `已于 ${m.locksOn} 归档，只能更正`
                  : `将于 ${m.locksOn} 归档`
                : '召开后登记',
            },
          ]}
        />
      </Card>

      {m.mine && <SignInCard meeting={m} />}

      <ValidityWarnings warnings={m.warnings} title="这次会议不符合以下规定" testId="validity-warnings" />

      <Card
        title="出席情况"
        size="small"
        extra={
          <Typography.Text type="secondary" data-testid="attendance-counts">
            应到 {m.counts.expected} 人，实到 {m.counts.present} 人，缺席 {m.counts.absent} 人
            {m.counts.unknown > 0 ? `，未登记 ${m.counts.unknown} 人` : ''}；有表决权{' '}
            {m.counts.entitledToVote} 人，到会 {m.counts.votersPresent} 人
          </Typography.Text>
        }
      >
        <Table<Attendee>
          rowKey="memberId"
          size="small"
          pagination={m.attendees.length > 50 ? { pageSize: 50 } : false}
          dataSource={m.attendees}
          scroll={{ x: 520 }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              render: (name: string, a) => (a.expected ? name : `${name}（列席）`),
            },
            { title: '当日身份', dataIndex: 'memberStatus' },
            {
              title: '出席',
              dataIndex: 'attendance',
              render: (_, a) => <AttendanceTag attendance={a.attendance} reason={a.absenceReason} />,
            },
            { title: '签到', dataIndex: 'signedInAt', render: (v: string | null) => shortInstant(v) || '—' },
            { title: '备注', dataIndex: 'note', render: (v: string | null) => v || '' },
          ]}
        />
        {m.guests.length > 0 && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            列席：{m.guests.join('、')}
          </Typography.Paragraph>
        )}
      </Card>

      <Card title="会议内容" size="small">
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { width: 90 } }}
          items={[
            { key: 'agenda', label: '议程', children: <Pre text={m.agenda} /> },
            { key: 'minutes', label: '会议记录', children: <Pre text={m.minutes} /> },
            { key: 'resolutions', label: '决议', children: <Pre text={m.resolutions} /> },
            {
              key: 'votes',
              label: '表决',
              children:
                m.votes.length === 0
                  ? '—'
                  : m.votes.map((v) => (
                      <div key={v.matter}>
                        {v.matter}：赞成 {v.inFavour}，反对 {v.against}，弃权 {v.abstain}
                      </div>
                    )),
            },
          ]}
        />
      </Card>

      <AttachmentsCard meeting={m} onChanged={() => void meeting.refetch()} />

      {(m.amendments.length > 0 || m.original) && (
        <Card title="更正记录" size="small" data-testid="amendments">
          <Timeline
            items={m.amendments.map((a) => ({
              key: a.id,
              children: (
                <div>
                  <Typography.Text strong>{shortInstant(a.amendedAt)}</Typography.Text> {a.amendedByName}：
                  {a.reason}
                  <div style={{ fontSize: 12, color: '#666' }}>
                    更改了：
                    {Object.keys(SNAPSHOT_LABELS)
                      .filter(
                        (k) =>
                          JSON.stringify(a.before[k as keyof typeof a.before]) !==
                          JSON.stringify(a.after[k as keyof typeof a.after]),
                      )
                      .map((k) => SNAPSHOT_LABELS[k])
                      .join('、') || '无'}
                  </div>
                </div>
              ),
            }))}
          />
          {m.original && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              原记录（首次登记）：{m.original.date} {m.original.startTime}–{m.original.endTime}，
              {m.original.place || '地点未填'}， 出席{' '}
              {m.original.attendees.filter((x) => x.attendance === 'present').length}{' '}
              人。原记录完整保存，可在审计日志中查看。
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </Space>
  );
}

function Pre({ text }: { text: string | null }) {
  return text ? <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div> : <span>—</span>;
}

const ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx';

function AttachmentsCard({ meeting, onChanged }: { meeting: MeetingDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const canChange = meeting.canEdit;
  const sizeText = (n: number) =>
    n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
  return (
    <Card
      title="附件（照片、签到表、材料）"
      size="small"
      extra={
        canChange && (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > MEETING_LIMITS.attachmentBytes) {
                void message.error(`文件不能超过 ${MEETING_LIMITS.attachmentBytes / 1024 / 1024} MB`);
                return Upload.LIST_IGNORE;
              }
              setUploading(true);
              uploadAttachment(meeting.id, file)
                .then(() => {
                  void message.success(`已上传 ${file.name}`);
                  onChanged();
                })
                .catch((e) => void message.error(errorMessage(e)))
                .finally(() => setUploading(false));
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              上传附件
            </Button>
          </Upload>
        )
      }
    >
      {meeting.attachmentList.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无附件" />
      ) : (
        <List
          size="small"
          dataSource={meeting.attachmentList}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button
                  key="dl"
                  type="link"
                  size="small"
                  onClick={() => void downloadAttachment(a).catch((e) => message.error(errorMessage(e)))}
                >
                  下载
                </Button>,
                ...(canChange
                  ? [
                      <Popconfirm
                        key="rm"
                        title={`删除附件“${a.fileName}”？`}
                        onConfirm={() =>
                          deleteAttachment(a.id)
                            .then(onChanged)
                            .catch((e) => void message.error(errorMessage(e)))
                        }
                      >
                        <Button type="link" size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <Space>
                <PaperClipOutlined />
                <span>{a.fileName}</span>
                <Typography.Text type="secondary">{sizeText(a.size)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
