import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { POINTS_NOTICE, STUDY_SESSION_KINDS } from '../../../domain/study';
import { useAuth, useMe } from '../../app/auth';
import { errorMessage } from '../../app/http';
import { DateInput, todayIso } from '../../components/DateInput';
import { EChart, type EChartOption } from '../../components/EChart';
import { showFieldErrors } from '../../components/form-errors';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { OrgTree } from '../orgs/OrgTree';
import { useSelectedOrgId } from '../orgs/tree-state';
import {
  createExam,
  createMaterial,
  createSession,
  downloadQuestionTemplate,
  downloadSelfStudyTemplate,
  downloadStudyLedger,
  fetchCandidates,
  fetchCoverage,
  fetchDaily,
  fetchExams,
  fetchHours,
  fetchLeaderboard,
  fetchMaterials,
  fetchQuestions,
  fetchReflections,
  fetchResults,
  fetchSessions,
  fetchSettings,
  importQuestions,
  importSelfStudy,
  type ReflectionRow,
  reviewReflection,
  type SessionRow,
  saveSettings,
  setDaily,
  studyKeys,
  thisYear,
} from './api';

const STATE_TAG = {
  reached: <Tag color="green">已达标</Tag>,
  on_track: <Tag color="blue">进度正常</Tag>,
  behind: <Tag color="orange">进度落后</Tag>,
};

/** The desk: a branch's year of study — sessions, hours, reflections, materials, exams, coverage, points. */
export function StudyPage() {
  const me = useMe();
  const { can } = useAuth();
  const [selected, setSelected] = useSelectedOrgId();
  const orgId = selected ?? me.roles[0]?.orgId ?? null;
  const [year, setYear] = useState(thisYear());
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

function SessionsTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const q = useQuery({
    queryKey: studyKeys.sessions(orgId, year),
    queryFn: () => fetchSessions(orgId, year),
  });
  const [open, setOpen] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {writable && (
        <Button type="primary" onClick={() => setOpen(true)} data-testid="new-session">
          登记学习活动
        </Button>
      )}
      {q.isError && <QueryError error={q.error} retry={() => void q.refetch()} />}
      <Table<SessionRow>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '形式', dataIndex: 'kind', width: 100 },
          {
            title: '主题',
            dataIndex: 'title',
            render: (t, r) =>
              r.meetingId ? (
                <Space>
                  {t}
                  <Tag color="purple">关联会议</Tag>
                </Space>
              ) : (
                t
              ),
          },
          { title: '学时', dataIndex: 'hours', width: 70, align: 'right' },
          { title: '出席', width: 90, render: (_, r) => `${r.present}/${r.expected}` },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s) => (s === 'held' ? <Tag color="green">已开展</Tag> : <Tag>计划</Tag>),
          },
        ]}
        locale={{ emptyText: '本年度还没有学习活动' }}
      />
      {open && <SessionModal orgId={orgId} year={year} onClose={() => setOpen(false)} />}
    </Space>
  );
}

function SessionModal({ orgId, year, onClose }: { orgId: number; year: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const client = useQueryClient();
  const meetingId = Form.useWatch('meetingId', form) as number | undefined;
  const candidates = useQuery({
    queryKey: studyKeys.candidates(orgId, year),
    queryFn: () => fetchCandidates(orgId, year),
  });
  const roster = useQuery({ queryKey: studyKeys.hours(orgId, year), queryFn: () => fetchHours(orgId, year) });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      createSession({
        orgId,
        status: v.status as 'planned' | 'held',
        kind: v.kind as (typeof STUDY_SESSION_KINDS)[number],
        title: v.title as string,
        date: (v.date as string) ?? todayIso(),
        hours: v.hours as number,
        place: (v.place as string) ?? '',
        lecturerName: (v.lecturerName as string) || null,
        meetingId: (v.meetingId as number) ?? null,
        presentMemberIds: (v.present as number[]) ?? [],
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: studyKeys.all });
      void message.success('已保存学习活动');
      onClose();
    },
    onError: (e) => {
      if (!showFieldErrors(form, e, ['title', 'date', 'hours', 'kind'])) void message.error(errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title="登记学习活动"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText="保存"
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: '集中学习', status: 'held', hours: 2, date: todayIso() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="meetingId"
          label="关联会议记录（如主题党日中的集中学习：出席沿用会议记录，只计一次）"
        >
          <Select
            allowClear
            placeholder="不关联"
            options={(candidates.data?.rows ?? []).map((m) => ({
              value: m.id,
              label: `${m.date} ${m.title}（出席 ${m.present} 人）`,
            }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label="形式" rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={STUDY_SESSION_KINDS.map((k) => ({ value: k, label: k }))}
            />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'held', label: '已开展' },
                { value: 'planned', label: '计划' },
              ]}
            />
          </Form.Item>
          {!meetingId && (
            <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DateInput />
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
        </Space>
        {!meetingId && (
          <Form.Item name="present" label="出席人员">
            <Checkbox.Group
              options={(roster.data?.rows ?? []).map((m) => ({ value: m.memberId, label: m.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function HoursTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const q = useQuery({ queryKey: studyKeys.hours(orgId, year), queryFn: () => fetchHours(orgId, year) });
  const [importing, setImporting] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {writable && (
        <Button onClick={() => setImporting(true)} data-testid="import-self-study">
          导入自学记录（.xlsx）
        </Button>
      )}
      {importing && <SelfStudyImportModal orgId={orgId} onClose={() => setImporting(false)} />}
      <Typography.Text type="secondary">
        年度学时标准：党员不少于 32 学时，支部书记、支委不少于 56 学时。
        {q.data && `已达标 ${q.data.reached} / ${q.data.members} 人。`}
      </Typography.Text>
      {q.isError && <QueryError error={q.error} />}
      <Table
        rowKey="memberId"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '组织', dataIndex: 'orgName' },
          { title: '已学（学时）', dataIndex: 'hours', align: 'right' },
          { title: '标准', dataIndex: 'norm', align: 'right' },
          { title: '情况', dataIndex: 'state', render: (s: keyof typeof STATE_TAG) => STATE_TAG[s] },
        ]}
      />
    </Space>
  );
}

interface ImportProblem {
  row?: number;
  column?: string;
  path: string;
  message: string;
}

/**
 * Self-study from an online platform's export: all or nothing; when any row is wrong, every problem is
 * listed by row and column and nothing is credited.
 */
function SelfStudyImportModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<{ title: string; problems: ImportProblem[] } | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => importSelfStudy(orgId, file),
    onSuccess: (r) => {
      void message.success(`已导入 ${r.imported} 条自学记录，学时已计入`);
      void client.invalidateQueries({ queryKey: studyKeys.all });
      onClose();
    },
    onError: (e) =>
      setFailure({
        title: errorMessage(e),
        problems: (e as { errors?: ImportProblem[] }).errors ?? [],
      }),
  });
  return (
    <Modal open title="导入自学记录" footer={null} onCancel={onClose} width={760}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          将网络学习平台导出的学习记录按模板整理后导入：每行一条，写明党员姓名及身份证后四位或手机号、学习日期、学习内容、学时。
          任何一行有误都不会写入，请按下列提示修改后重新导入。
        </Typography.Paragraph>
        <Space wrap>
          <Button onClick={() => void downloadSelfStudyTemplate()}>下载导入模板</Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(f) => {
              setFailure(null);
              upload.mutate(f);
              return false;
            }}
          >
            <Button type="primary" loading={upload.isPending}>
              选择文件并导入
            </Button>
          </Upload>
        </Space>
        {failure && (
          <>
            <Typography.Text type="danger" data-testid="self-study-import-error">
              {failure.title}
            </Typography.Text>
            {failure.problems.length > 0 && (
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.path}${p.message}`}
                dataSource={failure.problems}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 120 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}

function ReflectionsTab({ orgId, writable }: { orgId: number; writable: boolean }) {
  const q = useQuery({ queryKey: studyKeys.reflections(orgId), queryFn: () => fetchReflections(orgId) });
  const [reviewing, setReviewing] = useState<ReflectionRow | null>(null);
  return (
    <>
      {q.isError && <QueryError error={q.error} />}
      <Table<ReflectionRow>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        expandable={{
          expandedRowRender: (r) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.body}</Typography.Paragraph>
          ),
        }}
        columns={[
          {
            title: '提交时间',
            dataIndex: 'submittedAt',
            width: 170,
            render: (t: string) => new Date(t).toLocaleString('zh-CN'),
          },
          { title: '党员', dataIndex: 'memberName', width: 100 },
          { title: '标题', dataIndex: 'title' },
          {
            title: '状态',
            width: 220,
            render: (_, r) =>
              r.status === 'submitted' ? (
                writable ? (
                  <Button size="small" onClick={() => setReviewing(r)}>
                    审阅
                  </Button>
                ) : (
                  <Tag>待审阅</Tag>
                )
              ) : (
                <span>
                  <Tag color={r.status === 'reviewed' ? 'green' : 'orange'}>
                    {r.status === 'reviewed' ? '已审阅' : '已退回'}
                  </Tag>
                  {r.reviewComment}
                </span>
              ),
          },
        ]}
      />
      {reviewing && <ReviewModal reflection={reviewing} onClose={() => setReviewing(null)} />}
    </>
  );
}

function ReviewModal({ reflection, onClose }: { reflection: ReflectionRow; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const { message } = App.useApp();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (status: 'reviewed' | 'returned') => reviewReflection(reflection.id, { status, comment }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: studyKeys.all });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={`审阅：${reflection.title}（${reflection.memberName}）`}
      onCancel={onClose}
      footer={[
        <Button key="r" onClick={() => save.mutate('returned')}>
          退回修改
        </Button>,
        <Button key="ok" type="primary" onClick={() => save.mutate('reviewed')}>
          审阅通过
        </Button>,
      ]}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }}>
        {reflection.body}
      </Typography.Paragraph>
      <Input.TextArea
        rows={3}
        placeholder="审阅意见（必填）"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={1000}
      />
    </Modal>
  );
}

function MaterialsTab({ orgId, writable }: { orgId: number; writable: boolean }) {
  const today = todayIso();
  const client = useQueryClient();
  const { message } = App.useApp();
  const materials = useQuery({ queryKey: studyKeys.materials(orgId), queryFn: () => fetchMaterials(orgId) });
  const daily = useQuery({
    queryKey: studyKeys.daily(orgId, today),
    queryFn: () => fetchDaily(orgId, today),
  });
  const [form] = Form.useForm();
  const add = useMutation({
    mutationFn: (v: { title: string; body: string }) =>
      createMaterial({ orgId, title: v.title, kind: 'text', body: v.body }),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: studyKeys.materials(orgId) });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const pick = useMutation({
    mutationFn: (materialId: number) => setDaily({ orgId, date: today, materialId }),
    onSuccess: () => void client.invalidateQueries({ queryKey: studyKeys.all }),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const d = daily.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title={`今日学习（${today}）`}>
        {d?.material ? (
          <Space orientation="vertical">
            <Typography.Text strong>{d.material.title}</Typography.Text>
            <Typography.Text type="secondary">
              由{d.fromOrgName}设置 · 已读 {d.readers.length} / {d.expected} 人
              {d.readers.length > 0 &&
                `：${d.readers
                  .slice(0, 20)
                  .map((r) => r.name)
                  .join('、')}`}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">今天还没有设置“今日学习”</Typography.Text>
        )}
      </Card>
      {writable && (
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="title" rules={[{ required: true, message: '请填写标题' }]}>
            <Input placeholder="资料标题" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="body" rules={[{ required: true, message: '请填写正文' }]}>
            <Input placeholder="正文" style={{ width: 320 }} />
          </Form.Item>
          <Button htmlType="submit">添加资料</Button>
        </Form>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={materials.isPending}
        dataSource={materials.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '发布组织', dataIndex: 'orgName', width: 200 },
          { title: '已读', dataIndex: 'reads', width: 70, align: 'right' },
          {
            title: '',
            width: 130,
            render: (_, r) =>
              writable && (
                <Button size="small" onClick={() => pick.mutate(r.id)} disabled={d?.material?.id === r.id}>
                  设为今日学习
                </Button>
              ),
          },
        ]}
      />
    </Space>
  );
}

function ExamsTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const questions = useQuery({ queryKey: studyKeys.questions(orgId), queryFn: () => fetchQuestions(orgId) });
  const exams = useQuery({ queryKey: studyKeys.exams(orgId, year), queryFn: () => fetchExams(orgId, year) });
  const [resultsOf, setResultsOf] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const upload = useMutation({
    mutationFn: (file: File) => importQuestions(orgId, file),
    onSuccess: (r) => {
      void message.success(`已导入 ${r.imported} 道题`);
      void client.invalidateQueries({ queryKey: studyKeys.questions(orgId) });
    },
    onError: (e) => {
      const details = (e as { errors?: { path: string; message: string }[] }).errors ?? [];
      modal.error({
        title: errorMessage(e),
        content: (
          <ul style={{ maxHeight: 300, overflow: 'auto', paddingLeft: 16 }}>
            {details.map((x) => (
              <li key={`${x.path}${x.message}`}>{`${x.path}：${x.message}`}</li>
            ))}
          </ul>
        ),
      });
    },
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {writable && (
        <Space wrap>
          <Button onClick={() => void downloadQuestionTemplate()}>下载题库模板</Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(f) => {
              upload.mutate(f);
              return false;
            }}
          >
            <Button loading={upload.isPending}>导入题库（.xlsx）</Button>
          </Upload>
          <Button type="primary" onClick={() => setCreating(true)}>
            发布考试
          </Button>
        </Space>
      )}
      <Typography.Text type="secondary">
        题库共 {questions.data?.total ?? 0} 道题（含上级组织题库）
      </Typography.Text>
      {exams.isError && <QueryError error={exams.error} />}
      <Table
        rowKey="id"
        size="small"
        loading={exams.isPending}
        dataSource={exams.data?.rows ?? []}
        pagination={false}
        columns={[
          { title: '考试', dataIndex: 'title' },
          { title: '发布组织', dataIndex: 'orgName' },
          {
            title: '时间',
            render: (_, r) =>
              `${new Date(r.opensAt).toLocaleDateString('zh-CN')} – ${new Date(r.closesAt).toLocaleDateString('zh-CN')}`,
          },
          { title: '题数/总分', render: (_, r) => `${r.questionCount} 题 / ${r.totalScore} 分` },
          { title: '参考/合格', render: (_, r) => `${r.takers} / ${r.passed}` },
          {
            title: '',
            render: (_, r) => (
              <Button size="small" onClick={() => setResultsOf(r.id)}>
                成绩
              </Button>
            ),
          },
        ]}
      />
      {resultsOf !== null && (
        <ResultsModal examId={resultsOf} orgId={orgId} onClose={() => setResultsOf(null)} />
      )}
      {creating && (
        <ExamModal orgId={orgId} bank={questions.data?.rows ?? []} onClose={() => setCreating(false)} />
      )}
    </Space>
  );
}

interface ExamForm {
  title: string;
  opens: string;
  closes: string;
  duration: number;
  attempts: number;
  pass: number;
  partial: 'none' | 'half';
  single?: number;
  multiple?: number;
  judge?: number;
  blank?: number;
}

function ExamModal({
  orgId,
  bank,
  onClose,
}: {
  orgId: number;
  bank: { id: number; type: string }[];
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { message } = App.useApp();
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const q of bank) c[q.type] = (c[q.type] ?? 0) + 1;
    return c;
  }, [bank]);
  const save = useMutation({
    mutationFn: (v: ExamForm) =>
      createExam({
        orgId,
        title: v.title,
        opensAt: `${v.opens}T00:00:00+08:00`,
        closesAt: `${v.closes}T23:59:00+08:00`,
        durationMinutes: v.duration,
        maxAttempts: v.attempts,
        passScore: v.pass,
        partialRule: v.partial,
        draw: { single: v.single ?? 0, multiple: v.multiple ?? 0, judge: v.judge ?? 0, blank: v.blank ?? 0 },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: studyKeys.all });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title="发布考试"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={620}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          opens: todayIso(),
          closes: todayIso(),
          duration: 20,
          attempts: 1,
          pass: 60,
          partial: 'none',
          single: counts.single ?? 0,
          multiple: counts.multiple ?? 0,
          judge: counts.judge ?? 0,
          blank: counts.blank ?? 0,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="title" label="考试名称" rules={[{ required: true, message: '请填写考试名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="opens" label="开始日期">
            <DateInput />
          </Form.Item>
          <Form.Item name="closes" label="结束日期">
            <DateInput />
          </Form.Item>
          <Form.Item name="duration" label="时长（分钟）">
            <InputNumber min={1} max={300} />
          </Form.Item>
          <Form.Item name="attempts" label="作答次数">
            <InputNumber min={1} max={10} />
          </Form.Item>
          <Form.Item name="pass" label="合格分">
            <InputNumber min={0} />
          </Form.Item>
        </Space>
        <Typography.Text type="secondary">从题库随机抽题（题目与选项对每位党员乱序）：</Typography.Text>
        <Space wrap>
          {(['single', 'multiple', 'judge', 'blank'] as const).map((t) => (
            <Form.Item
              key={t}
              name={t}
              label={`${{ single: '单选', multiple: '多选', judge: '判断', blank: '填空' }[t]}（共 ${counts[t] ?? 0}）`}
            >
              <InputNumber min={0} max={counts[t] ?? 0} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="partial" label="多选题计分">
          <Select
            options={[
              { value: 'none', label: '全部选对才得分（少选、错选不得分）' },
              { value: 'half', label: '少选得一半分，错选不得分' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResultsModal({ examId, orgId, onClose }: { examId: number; orgId: number; onClose: () => void }) {
  const q = useQuery({
    queryKey: studyKeys.results(examId, orgId),
    queryFn: () => fetchResults(examId, orgId),
  });
  return (
    <Modal
      open
      width={760}
      title={q.data ? `成绩：${q.data.exam.title}` : '成绩'}
      onCancel={onClose}
      footer={null}
    >
      {q.isError && <QueryError error={q.error} />}
      <Table
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={q.data?.branches ?? []}
        columns={[
          { title: '支部', dataIndex: 'orgName' },
          { title: '参考人数', dataIndex: 'takers' },
          { title: '合格', dataIndex: 'passed' },
          { title: '平均分', dataIndex: 'averageScore', render: (v) => v ?? '—' },
        ]}
      />
      <Table
        rowKey="memberId"
        size="small"
        style={{ marginTop: 12 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={q.data?.members ?? []}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '组织', dataIndex: 'orgName' },
          { title: '次数', dataIndex: 'attempts' },
          { title: '最高分', dataIndex: 'bestScore', render: (v) => v ?? '未参加' },
          {
            title: '结果',
            dataIndex: 'passed',
            render: (v) =>
              v === null ? '—' : v ? <Tag color="green">合格</Tag> : <Tag color="red">不合格</Tag>,
          },
        ]}
      />
    </Modal>
  );
}

function CoverageTab({ orgId, year, onPick }: { orgId: number; year: number; onPick: (id: number) => void }) {
  const q = useQuery({
    queryKey: studyKeys.coverage(orgId, year),
    queryFn: () => fetchCoverage(orgId, year),
  });
  const d = q.data;
  const option = useMemo<EChartOption | null>(() => {
    if (!d || d.children.length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['学时达标率（%）', '考试平均得分率（%）'] },
      grid: { left: 50, right: 20, top: 40, bottom: 80 },
      xAxis: {
        type: 'category',
        data: d.children.map((c) => c.orgName),
        axisLabel: { rotate: 30, interval: 0 },
      },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        { name: '学时达标率（%）', type: 'bar', data: d.children.map((c) => c.coverage ?? 0) },
        { name: '考试平均得分率（%）', type: 'bar', data: d.children.map((c) => c.examAverage ?? 0) },
      ],
    };
  }, [d]);
  if (q.isError) return <QueryError error={q.error} />;
  if (!d) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="study-coverage">
      <Space size="large" wrap>
        <Typography.Text>
          {d.org.orgName}：党员 {d.org.members} 人，学时达标 {d.org.reached} 人（{d.org.coverage ?? 0}
          %），人均 {d.org.averageHours ?? 0} 学时； 考试参考 {d.org.examTakers} 人次，合格 {d.org.examPassed}
        </Typography.Text>
      </Space>
      {option && <EChart option={option} style={{ height: 320 }} />}
      <Table
        rowKey="orgId"
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={d.children}
        onRow={(r) => ({ onClick: () => onPick(r.orgId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '组织', dataIndex: 'orgName' },
          { title: '党员', dataIndex: 'members', align: 'right' },
          { title: '达标', dataIndex: 'reached', align: 'right' },
          {
            title: '达标率',
            dataIndex: 'coverage',
            align: 'right',
            render: (v) => (v === null ? '—' : `${v}%`),
          },
          { title: '人均学时', dataIndex: 'averageHours', align: 'right', render: (v) => v ?? '—' },
          { title: '考试参考', dataIndex: 'examTakers', align: 'right' },
          {
            title: '平均得分率',
            dataIndex: 'examAverage',
            align: 'right',
            render: (v) => (v === null ? '—' : `${v}%`),
          },
        ]}
      />
    </Space>
  );
}

function PointsTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: studyKeys.settings(orgId), queryFn: () => fetchSettings(orgId) });
  const board = useQuery({
    queryKey: studyKeys.leaderboard(orgId, year),
    queryFn: () => fetchLeaderboard(orgId, year),
  });
  const toggle = useMutation({
    mutationFn: (on: boolean) => saveSettings({ orgId, pointsEnabled: on }),
    onSuccess: () => void client.invalidateQueries({ queryKey: studyKeys.all }),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={POINTS_NOTICE} />
      <Space>
        <span>显示学习积分：</span>
        <Switch
          checked={settings.data?.pointsEnabled ?? true}
          disabled={!writable}
          loading={toggle.isPending}
          onChange={(on) => toggle.mutate(on)}
        />
        {settings.data?.fromOrgName && (
          <Typography.Text type="secondary">（设置来自{settings.data.fromOrgName}）</Typography.Text>
        )}
      </Space>
      {board.isError && <QueryError error={board.error} />}
      {board.data?.enabled && (
        <Table
          rowKey="memberId"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={board.data.rows}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '积分（仅供参考）', dataIndex: 'points', align: 'right' },
          ]}
        />
      )}
    </Space>
  );
}
