import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
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
import { yearOf } from '../../../domain/period';
import { POINT_RULE_LIMITS, POINTS_NOTICE } from '../../../domain/study';
import { useAuth, useMe } from '../../app/auth';
import { errorMessage } from '../../app/http';
import { useToday } from '../../app/today';
import { confirmDelete } from '../../components/confirm-delete';
import { DateInput } from '../../components/DateInput';
import { EChart, type EChartOption } from '../../components/EChart';
import { showFieldErrors } from '../../components/form-errors';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { OrgTree } from '../orgs/OrgTree';
import { useSelectedOrgId } from '../orgs/tree-state';
import {
  createExam,
  createMaterial,
  deleteMaterial,
  downloadQuestionTemplate,
  downloadSelfStudyTemplate,
  downloadStudyLedger,
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
  type MaterialRow,
  type ReflectionRow,
  reviewReflection,
  type SessionRow,
  type Settings,
  type SettingsInput,
  saveSettings,
  setDaily,
  studyKeys,
  uploadMaterial,
} from './api';
import { PlansTab } from './PlansTab';
import { SessionDrawer, SessionModal } from './SessionForms';

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

function SessionsTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const q = useQuery({
    queryKey: studyKeys.sessions(orgId, year),
    queryFn: () => fetchSessions(orgId, year),
  });
  const [open, setOpen] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        点击一行查看或修改：计划中的学习开展后，在此登记出席并记为“已开展”。
      </Typography.Text>
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
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
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
      <SessionDrawer sessionId={openId} orgId={orgId} year={year} onClose={() => setOpenId(null)} />
    </Space>
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
  const today = useToday();
  const [day, setDay] = useState(today);
  const isToday = day === today;
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const materials = useQuery({ queryKey: studyKeys.materials(orgId), queryFn: () => fetchMaterials(orgId) });
  const daily = useQuery({
    queryKey: studyKeys.daily(orgId, day),
    queryFn: () => fetchDaily(orgId, day),
  });
  const [form] = Form.useForm<MaterialValues>();
  const kind = Form.useWatch('kind', form) ?? 'text';
  const [file, setFile] = useState<File | null>(null);
  const add = useMutation({
    mutationFn: (v: MaterialValues) => {
      if (v.kind === 'file') {
        if (!file) throw new Error('请选择要上传的文件');
        return uploadMaterial({ orgId, title: v.title, hours: v.hours ?? 0 }, file);
      }
      return createMaterial({
        orgId,
        title: v.title,
        kind: v.kind,
        body: v.body ?? '',
        url: v.kind === 'link' ? (v.url ?? null) : null,
        hours: v.hours ?? 0,
      });
    },
    onSuccess: () => {
      form.resetFields();
      setFile(null);
      void message.success('已添加学习资料');
      void client.invalidateQueries({ queryKey: studyKeys.materials(orgId) });
    },
    onError: (e) => {
      if (!showFieldErrors(form, e, ['title', 'body', 'url', 'hours'])) void message.error(errorMessage(e));
    },
  });
  const pick = useMutation({
    mutationFn: (materialId: number) => setDaily({ orgId, date: day, materialId }),
    onSuccess: () => void client.invalidateQueries({ queryKey: studyKeys.all }),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => deleteMaterial(id),
    onSuccess: () => {
      void message.success('已删除学习资料');
      void client.invalidateQueries({ queryKey: studyKeys.all });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const d = daily.data;
  const dayText = isToday ? `今日学习（${day}）` : `${day} 的“今日学习”`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={dayText}
        data-testid="daily-card"
        extra={
          <Space>
            <span>日期</span>
            <div style={{ width: 150 }} data-testid="daily-date">
              <DateInput value={day} allowClear={false} onChange={(v) => v && setDay(v)} />
            </div>
          </Space>
        }
      >
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
          <Typography.Text type="secondary">
            {isToday ? '今天' : '这一天'}还没有设置“今日学习”
            {writable && '：在下方资料库中选一篇资料'}
          </Typography.Text>
        )}
      </Card>
      {writable && (
        <Form
          form={form}
          layout="inline"
          initialValues={{ kind: 'text', hours: 0 }}
          onFinish={(v) => add.mutate(v)}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="kind">
            <Select
              style={{ width: 100 }}
              options={[
                { value: 'text', label: '文字' },
                { value: 'link', label: '链接' },
                { value: 'file', label: '文件' },
              ]}
            />
          </Form.Item>
          <Form.Item name="title" rules={[{ required: true, message: '请填写标题' }]}>
            <Input placeholder="资料标题" style={{ width: 220 }} />
          </Form.Item>
          {kind === 'link' ? (
            <>
              <Form.Item name="url" rules={[{ required: true, message: '请填写链接' }]}>
                <Input placeholder="https://" style={{ width: 260 }} />
              </Form.Item>
              <Form.Item name="body">
                <Input placeholder="简介（可不填）" style={{ width: 200 }} />
              </Form.Item>
            </>
          ) : kind === 'file' ? (
            <Form.Item extra="PDF、Office 文件或图片，不超过 20 MB">
              <Upload
                accept=".pdf,.doc,.docx,.ppt,.pptx,.xls,.xlsx,.jpg,.jpeg,.png,.gif,.webp"
                maxCount={1}
                fileList={file ? [{ uid: 'material', name: file.name, status: 'done' }] : []}
                onRemove={() => setFile(null)}
                beforeUpload={(f) => {
                  setFile(f);
                  return false;
                }}
              >
                <Button data-testid="material-file">选择文件</Button>
              </Upload>
            </Form.Item>
          ) : (
            <Form.Item name="body" rules={[{ required: true, message: '请填写正文' }]}>
              <Input.TextArea placeholder="正文" autoSize={{ maxRows: 6 }} style={{ width: 360 }} />
            </Form.Item>
          )}
          <Form.Item name="hours" label="参考学时">
            <InputNumber min={0} max={8} step={0.5} style={{ width: 80 }} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            添加资料
          </Button>
        </Form>
      )}
      <Table<MaterialRow>
        rowKey="id"
        size="small"
        loading={materials.isPending}
        dataSource={materials.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (t, r) =>
              r.kind !== 'text' && r.url ? (
                <Space>
                  <a href={r.url} target="_blank" rel="noopener noreferrer">
                    {t}
                  </a>
                  <Tag>{r.kind === 'file' ? `文件 ${r.fileName ?? ''}` : '链接'}</Tag>
                </Space>
              ) : (
                t
              ),
          },
          { title: '发布组织', dataIndex: 'orgName', width: 200 },
          { title: '已读', dataIndex: 'reads', width: 70, align: 'right' },
          {
            title: '',
            width: 220,
            render: (_, r) =>
              writable && (
                <Space size={4}>
                  <Button size="small" onClick={() => pick.mutate(r.id)} disabled={d?.material?.id === r.id}>
                    {isToday ? '设为今日学习' : `设为 ${day.slice(5)} 学习`}
                  </Button>
                  {r.orgId === orgId && (
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        confirmDelete(
                          modal,
                          `删除学习资料“${r.title}”？`,
                          '已安排为“今日学习”的日子和阅读记录将一并删除。',
                          () => remove.mutateAsync(r.id),
                        )
                      }
                    >
                      删除
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}

interface MaterialValues {
  kind: 'text' | 'link' | 'file';
  title: string;
  body?: string;
  url?: string;
  hours?: number;
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
  const today = useToday();
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
          opens: today,
          closes: today,
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
  const { message } = App.useApp();
  const settings = useQuery({ queryKey: studyKeys.settings(orgId), queryFn: () => fetchSettings(orgId) });
  const board = useQuery({
    queryKey: studyKeys.leaderboard(orgId, year),
    queryFn: () => fetchLeaderboard(orgId, year),
  });
  const save = useMutation({
    mutationFn: (input: Omit<SettingsInput, 'orgId'>) => saveSettings({ orgId, ...input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: studyKeys.all });
      void message.success('已保存积分设置');
    },
    onError: (e) => void message.error(errorMessage(e)),
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
