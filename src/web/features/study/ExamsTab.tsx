import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../app/http';
import { useToday } from '../../app/today';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { createExam, downloadQuestionTemplate, importQuestions, studyKeys, studyQueries } from './api';

export function ExamsTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const { modal } = App.useApp();
  const questions = useQuery(studyQueries.questions(orgId));
  const exams = useQuery(studyQueries.exams(orgId, year));
  const [resultsOf, setResultsOf] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const upload = useAction({
    run: (file: File) => importQuestions(orgId, file),
    invalidate: [studyKeys.questions(orgId)],
    success: (r) => `已导入 ${r.imported} 道题`,
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
  const [form] = Form.useForm<ExamForm>();
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const q of bank) c[q.type] = (c[q.type] ?? 0) + 1;
    return c;
  }, [bank]);
  const save = useAction({
    run: (v: ExamForm) =>
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
    invalidate: [studyKeys.all],
    onDone: onClose,
  });
  return (
    <FormModal<ExamForm>
      title="发布考试"
      okText="确定"
      width={620}
      form={form}
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
      saving={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onClose={onClose}
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
    </FormModal>
  );
}

function ResultsModal({ examId, orgId, onClose }: { examId: number; orgId: number; onClose: () => void }) {
  const q = useQuery(studyQueries.results(examId, orgId));
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
