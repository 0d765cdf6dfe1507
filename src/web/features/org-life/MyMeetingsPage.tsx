import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Select, Space, Spin, Statistic, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { yearOf } from '../../../domain/period';
import { useToday } from '../../app/today';
import { QueryError } from '../../components/QueryError';
import { type MyMeeting, meetingQueries } from './api';
import { AttendanceTag, dateWithWeekday, PhaseTag, TypeTags, timeRange } from './display';
import { SignInLine } from './SignInCard';

/** 我的会议 (a member, often on a phone): what is coming and signing in, what was held, my attendance. */
export function MyMeetingsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'upcoming';
  return (
    <Card title="我的会议" styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'upcoming', label: '即将召开', children: <MeetingList when="upcoming" /> },
          { key: 'past', label: '已召开', children: <MeetingList when="past" /> },
          { key: 'attendance', label: '参会统计', children: <AttendanceHistory /> },
        ]}
      />
    </Card>
  );
}

function MeetingList({ when }: { when: 'upcoming' | 'past' }) {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useQuery(meetingQueries.mine(when, page));
  if (list.isError) return <QueryError error={list.error} retry={() => void list.refetch()} />;
  if (!list.data) return <Spin />;
  return (
    <List<MyMeeting>
      dataSource={list.data.rows}
      locale={{
        emptyText: <Empty description={when === 'upcoming' ? '近期没有需要参加的会议' : '暂无记录'} />,
      }}
      pagination={
        list.data.total > 20
          ? { current: page, pageSize: 20, total: list.data.total, onChange: setPage, size: 'small' }
          : false
      }
      data-testid={`my-meetings-${when}`}
      renderItem={(m) => (
        <List.Item key={m.id} style={{ display: 'block' }}>
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Link strong onClick={() => navigate(`/my/meetings/${m.id}`)}>
                {m.title}
              </Typography.Link>
              <PhaseTag phase={m.phase} />
            </Space>
            <Typography.Text type="secondary">
              {dateWithWeekday(m.date)} {timeRange(m)} · {m.place || '地点待定'}
            </Typography.Text>
            <TypeTags types={m.types} />
            {when === 'upcoming' ? (
              <SignInLine
                meetingId={m.id}
                state={{
                  attendance: m.myAttendance,
                  signedInAt: m.signedInAt,
                  signInOpens: m.signInOpens,
                  signInCloses: m.signInCloses,
                  canSignIn: m.canSignIn,
                }}
              />
            ) : (
              <AttendanceTag attendance={m.myAttendance} />
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}

function AttendanceHistory() {
  const navigate = useNavigate();
  const thisYear = yearOf(useToday());
  const [year, setYear] = useState(thisYear);
  const history = useQuery(meetingQueries.myAttendance(year));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        value={year}
        onChange={setYear}
        style={{ width: 110 }}
        options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
      />
      {history.isError ? (
        <QueryError error={history.error} retry={() => void history.refetch()} />
      ) : !history.data ? (
        <Spin />
      ) : (
        <>
          <Space size={32} wrap data-testid="my-attendance-summary">
            <Statistic title="应参加" value={history.data.expected} suffix="次" />
            <Statistic
              title="出席"
              value={history.data.present}
              suffix="次"
              valueStyle={{ color: '#389e0d' }}
            />
            <Statistic
              title="缺席"
              value={history.data.absent}
              suffix="次"
              valueStyle={{ color: '#d46b08' }}
            />
          </Space>
          <List
            size="small"
            dataSource={history.data.rows}
            locale={{ emptyText: '本年度暂无参会记录' }}
            renderItem={(r) => (
              <List.Item
                key={r.id}
                onClick={() => navigate(`/my/meetings/${r.id}`)}
                style={{ cursor: 'pointer' }}
                extra={<AttendanceTag attendance={r.attendance} reason={r.absenceReason} />}
              >
                <List.Item.Meta title={r.title} description={`${r.date} ${r.startTime} · ${r.orgName}`} />
              </List.Item>
            )}
          />
        </>
      )}
    </Space>
  );
}
