import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Calendar, Spin, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useToday } from '../../app/today';
import { QueryError } from '../../components/QueryError';
import { type MeetingRow, meetingQueries } from './api';
import { timeRange } from './display';

const STATUS_BADGE = { planned: 'processing', held: 'success', locked: 'default' } as const;

/** A month of planned and held sittings of an org's subtree; a click opens the record. */
export function MeetingCalendar({ orgId }: { orgId: number }) {
  const navigate = useNavigate();
  const today = useToday();
  const [month, setMonth] = useState<Dayjs>(dayjs(today).startOf('month'));
  // The panel shows six weeks around the month: ask for all of them.
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const calendar = useQuery(meetingQueries.calendar(orgId, from, to));
  const byDate = useMemo(() => {
    const map = new Map<string, MeetingRow[]>();
    for (const m of calendar.data?.meetings ?? []) map.set(m.date, [...(map.get(m.date) ?? []), m]);
    return map;
  }, [calendar.data]);

  if (calendar.isError) return <QueryError error={calendar.error} retry={() => void calendar.refetch()} />;

  return (
    <Spin spinning={calendar.isFetching}>
      {calendar.data?.truncated && (
        <Alert
          type="warning"
          showIcon
          message={`本月会议过多，只显示前 ${calendar.data.meetings.length} 次。请在左侧选择下级组织查看。`}
        />
      )}
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d.startOf('month'))}
        onSelect={(d, info) => {
          if (info.source !== 'date') setMonth(d.startOf('month'));
        }}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const meetings = byDate.get(d.format('YYYY-MM-DD')) ?? [];
          return (
            <ul
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
              data-testid={`cal-${d.format('YYYY-MM-DD')}`}
            >
              {meetings.map((m) => (
                <li key={m.id}>
                  <Tooltip title={`${timeRange(m)} ${m.orgName} · ${m.place || '地点未定'}`}>
                    <button
                      type="button"
                      onClick={(e) => {
                        e.stopPropagation();
                        void navigate(`/meetings/${m.id}`);
                      }}
                      style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
                    >
                      <Badge
                        status={STATUS_BADGE[m.phase]}
                        text={<span style={{ fontSize: 12 }}>{m.types.join('、')}</span>}
                      />
                    </button>
                  </Tooltip>
                </li>
              ))}
            </ul>
          );
        }}
      />
    </Spin>
  );
}
