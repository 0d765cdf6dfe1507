import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  List,
  Progress,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { yearOf } from '../../../domain/period';
import { SELF_STUDY_SOURCES } from '../../../domain/study';
import { useToday } from '../../app/today';
import { DateInput } from '../../components/DateInput';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import {
  type Attempt,
  addSelfStudy,
  markRead,
  startExam,
  studyKeys,
  studyQueries,
  submitAttempt,
  submitReflection,
} from './api';

const STATE_TEXT = { reached: '已达标', on_track: '进度正常', behind: '进度落后，请抓紧' };

/** The member's study on a phone: today's item, hours against the norm, exams, reflections, points. */
export function MyStudyPage() {
  const year = yearOf(useToday());
  const navigate = useNavigate();
  const overview = useQuery(studyQueries.my(year));
  const exams = useQuery(studyQueries.myExams());
  const read = useAction({ run: markRead, invalidate: [studyKeys.my(year)] });
  const start = useAction({ run: startExam, onDone: (a) => void navigate(`/my/study/attempts/${a.id}`) });
  const o = overview.data;
  if (overview.isError) return <QueryError error={overview.error} retry={() => void overview.refetch()} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Card size="small" title="今日学习" data-testid="today-card">
        {o?.today ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{o.today.material.title}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {o.today.material.body}
            </Typography.Paragraph>
            {o.today.material.url && (
              <a href={o.today.material.url} target="_blank" rel="noopener noreferrer">
                {o.today.material.kind === 'file'
                  ? `打开文件：${o.today.material.fileName ?? o.today.material.title}`
                  : o.today.material.url}
              </a>
            )}
            {o.today.readAt ? (
              <Tag color="green">已读 {new Date(o.today.readAt).toLocaleTimeString('zh-CN')}</Tag>
            ) : (
              <Button
                type="primary"
                block
                loading={read.isPending}
                onClick={() => read.mutate(o.today!.material.id)}
              >
                我已学习
              </Button>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">今天没有安排学习内容</Typography.Text>
        )}
      </Card>

      {o && (
        <Card size="small" title={`${o.year} 年学时`}>
          <Progress
            percent={Math.min(100, Math.round((o.hours / o.norm) * 100))}
            status={o.state === 'reached' ? 'success' : 'active'}
          />
          <Typography.Text data-testid="my-hours">
            已学 {o.hours} 学时 / 标准 {o.norm} 学时（{STATE_TEXT[o.state]}）
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{o.normText}</Typography.Text>
          <List
            size="small"
            dataSource={o.entries.slice(0, 8)}
            renderItem={(e) => (
              <List.Item extra={`${e.hours} 学时`}>
                <List.Item.Meta title={e.title} description={`${e.date} · ${e.source}`} />
              </List.Item>
            )}
          />
          <SelfStudyForm year={year} />
        </Card>
      )}

      <Card size="small" title="考试">
        {exams.isError && <QueryError error={exams.error} />}
        <List
          dataSource={exams.data?.rows ?? []}
          locale={{ emptyText: '暂无考试' }}
          renderItem={(e) => (
            <List.Item
              actions={[
                e.state === 'available' || e.state === 'in_progress' ? (
                  <Button
                    key="go"
                    type="primary"
                    onClick={() => start.mutate(e.id)}
                    loading={start.isPending}
                  >
                    {e.state === 'in_progress' ? '继续作答' : '开始考试'}
                  </Button>
                ) : null,
              ]}
            >
              <List.Item.Meta
                title={e.title}
                description={
                  <span>
                    {e.questionCount} 题 · {e.durationMinutes} 分钟 · 满分 {e.totalScore}，{e.passScore}{' '}
                    分合格
                    {e.bestScore !== null && (
                      <Tag
                        color={e.passed ? 'green' : 'red'}
                        style={{ marginLeft: 8 }}
                        data-testid="exam-grade"
                      >
                        得分 {e.bestScore}（{e.passed ? '合格' : '不合格'}）
                      </Tag>
                    )}
                    {e.state === 'not_open' && <Tag style={{ marginLeft: 8 }}>未开始</Tag>}
                    {e.state === 'closed' && e.bestScore === null && (
                      <Tag style={{ marginLeft: 8 }}>已结束</Tag>
                    )}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      </Card>

      <ReflectionCard />

      {o && (
        <Card size="small" title="我的学习积分">
          <Alert type="info" showIcon message={o.pointsNotice} style={{ marginBottom: 8 }} />
          {o.points ? (
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="my-points">
              {o.points.total} 分
            </Typography.Title>
          ) : (
            <Typography.Text type="secondary">本组织未开启学习积分</Typography.Text>
          )}
        </Card>
      )}
    </Space>
  );
}

function SelfStudyForm({ year }: { year: number }) {
  const today = useToday();
  const [form] = Form.useForm();
  const save = useAction({
    run: (v: { date: string; title: string; hours: number; source: (typeof SELF_STUDY_SOURCES)[number] }) =>
      addSelfStudy(v),
    invalidate: [studyKeys.my(year)],
    success: '已登记自学',
    onDone: () => form.resetFields(),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ date: today, hours: 1, source: '自学' }}
      onFinish={(v) => save.mutate(v)}
    >
      <Typography.Text strong>登记自学</Typography.Text>
      <Form.Item
        name="title"
        rules={[{ required: true, message: '请填写学习内容' }]}
        style={{ marginTop: 8 }}
      >
        <Input placeholder="学习内容" maxLength={100} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="date">
          <DateInput />
        </Form.Item>
        <Form.Item name="hours">
          <InputNumber min={0.5} max={8} step={0.5} suffix="学时" />
        </Form.Item>
        <Form.Item name="source">
          <Radio.Group options={SELF_STUDY_SOURCES.slice(0, 2).map((s) => ({ value: s, label: s }))} />
        </Form.Item>
      </Space>
      <Button htmlType="submit" loading={save.isPending}>
        登记
      </Button>
    </Form>
  );
}

function ReflectionCard() {
  const [form] = Form.useForm();
  const mine = useQuery(studyQueries.myReflections());
  const save = useAction({
    run: (v: { title: string; body: string }) => submitReflection(v),
    invalidate: [studyKeys.myReflections],
    success: '已提交心得体会',
    onDone: () => form.resetFields(),
  });
  return (
    <Card size="small" title="心得体会">
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" rules={[{ required: true, message: '请填写标题' }]}>
          <Input placeholder="标题" maxLength={100} />
        </Form.Item>
        <Form.Item name="body" rules={[{ required: true, min: 50, message: '心得体会不少于 50 个字' }]}>
          <Input.TextArea rows={5} placeholder="学习体会（不少于 50 字）" showCount maxLength={10000} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={save.isPending}>
          提交
        </Button>
      </Form>
      <List
        size="small"
        dataSource={mine.data?.rows ?? []}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <span>
                  {r.title}{' '}
                  <Tag
                    color={r.status === 'reviewed' ? 'green' : r.status === 'returned' ? 'orange' : 'default'}
                  >
                    {{ submitted: '待审阅', reviewed: '已审阅', returned: '已退回' }[r.status]}
                  </Tag>
                </span>
              }
              description={
                r.reviewComment
                  ? `${r.reviewerName}：${r.reviewComment}`
                  : new Date(r.submittedAt).toLocaleDateString('zh-CN')
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

type Answers = Record<string, string | string[] | boolean | null>;

/** Taking an exam: the server's deadline drives the timer; the answers are graded on the server. */
export function ExamAttemptPage() {
  const id = Number(useParams().id);
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const q = useQuery(studyQueries.attempt(id));
  const [answers, setAnswers] = useState<Answers>({});
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const submit = useAction({
    run: () => submitAttempt(id, answers),
    put: (a) => [studyKeys.attempt(id), a],
    invalidate: [studyKeys.all],
  });
  const a = q.data;
  if (q.isError) return <QueryError error={q.error} />;
  if (!a) return null;
  const left = Math.max(0, Math.floor((new Date(a.deadlineAt).getTime() - now) / 1000));
  const set = (qid: number, v: string | string[] | boolean) =>
    setAnswers((x) => ({ ...x, [String(qid)]: v }));
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 720 }}>
      <Card
        size="small"
        title={a.examTitle}
        extra={
          a.state === 'open' && (
            <Tag color={left < 60 ? 'red' : 'blue'} data-testid="timer">
              剩余 {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}
            </Tag>
          )
        }
      >
        {a.state === 'submitted' && (
          <Alert
            type={a.passed ? 'success' : 'warning'}
            showIcon
            data-testid="attempt-grade"
            message={`得分 ${a.score} / ${a.totalScore}（${a.passed ? '合格' : '不合格'}，${a.passScore} 分合格）`}
          />
        )}
        {a.state === 'expired' && (
          <Alert type="error" showIcon message="已超过作答时间，答卷未提交（本次作答计为已用）" />
        )}
        {a.state === 'open' && (
          <Typography.Text type="secondary">
            {a.partialRuleText}。答案在服务器评分，请在时间内提交。
          </Typography.Text>
        )}
      </Card>
      {a.questions.map((question, i) => {
        const review = a.review?.find((r) => r.questionId === question.questionId);
        const value = answers[String(question.questionId)];
        return (
          <Card
            key={question.questionId}
            size="small"
            title={`${i + 1}. ${question.stem}（${question.score} 分）`}
          >
            {question.type === 'single' && (
              <Radio.Group
                disabled={a.state !== 'open'}
                value={value}
                onChange={(e) => set(question.questionId, e.target.value)}
              >
                <Space orientation="vertical">
                  {question.options.map((o, k) => (
                    <Radio key={o.key} value={o.key}>{`${'ABCDEFGH'[k]}. ${o.text}`}</Radio>
                  ))}
                </Space>
              </Radio.Group>
            )}
            {question.type === 'multiple' && (
              <Checkbox.Group
                disabled={a.state !== 'open'}
                value={(value as string[]) ?? []}
                onChange={(v) => set(question.questionId, v as string[])}
              >
                <Space orientation="vertical">
                  {question.options.map((o, k) => (
                    <Checkbox key={o.key} value={o.key}>{`${'ABCDEFGH'[k]}. ${o.text}`}</Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            )}
            {question.type === 'judge' && (
              <Radio.Group
                disabled={a.state !== 'open'}
                value={value}
                onChange={(e) => set(question.questionId, e.target.value)}
              >
                <Radio value={true}>对</Radio>
                <Radio value={false}>错</Radio>
              </Radio.Group>
            )}
            {question.type === 'blank' &&
              Array.from({ length: question.blanks }, (_, k) => (
                <Input
                  // biome-ignore lint/suspicious/noArrayIndexKey: blanks are positional
                  key={k}
                  disabled={a.state !== 'open'}
                  placeholder={`第 ${k + 1} 空`}
                  style={{ marginBottom: 4 }}
                  value={((value as string[]) ?? [])[k] ?? ''}
                  onChange={(e) => {
                    const next = [...(((value as string[]) ?? []) as string[])];
                    while (next.length < question.blanks) next.push('');
                    next[k] = e.target.value;
                    set(question.questionId, next);
                  }}
                />
              ))}
            {review && (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                <Tag color={review.correct ? 'green' : 'red'}>
                  {review.correct ? '正确' : '错误'} {review.score} 分
                </Tag>
                正确答案：
                {question.type === 'single' || question.type === 'multiple'
                  ? review.answerText
                      .split('')
                      .map((key) => `“${question.options.find((o) => o.key === key)?.text ?? key}”`)
                      .join('、')
                  : review.answerText}
                {review.analysis && <div>解析：{review.analysis}</div>}
              </Typography.Paragraph>
            )}
          </Card>
        );
      })}
      {a.state === 'open' ? (
        <Button
          type="primary"
          block
          size="large"
          loading={submit.isPending}
          data-testid="submit-exam"
          onClick={() =>
            modal.confirm({
              title: '确认交卷？',
              content: '交卷后不能修改。',
              okText: '交卷',
              cancelText: '继续作答',
              onOk: () => submit.mutateAsync(),
            })
          }
        >
          交卷
        </Button>
      ) : (
        <Button block onClick={() => navigate('/my/study')}>
          返回我的学习
        </Button>
      )}
    </Space>
  );
}

export type { Attempt };
