import { Alert, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  ATTENDANCE_LABELS,
  type Attendance,
  MEETING_PHASE_LABELS,
  type MeetingPhase,
  type ValidityWarning,
} from '../../../domain/meeting-record';
import type { ComplianceStatus } from '../../../domain/org-life-rules';

const PHASE_COLORS: Record<MeetingPhase, string> = { planned: 'blue', held: 'green', locked: 'default' };

export function PhaseTag({ phase }: { phase: MeetingPhase }) {
  return <Tag color={PHASE_COLORS[phase]}>{MEETING_PHASE_LABELS[phase]}</Tag>;
}

export function TypeTags({ types }: { types: readonly string[] }) {
  return (
    <Space size={[0, 4]} wrap>
      {types.map((t) => (
        <Tag key={t} color="red" bordered={false}>
          {t}
        </Tag>
      ))}
    </Space>
  );
}

const ATTENDANCE_COLORS: Record<Attendance, string> = {
  present: 'green',
  absent: 'orange',
  unknown: 'default',
};

export function AttendanceTag({ attendance, reason }: { attendance: Attendance; reason?: string | null }) {
  return (
    <Tag color={ATTENDANCE_COLORS[attendance]}>
      {ATTENDANCE_LABELS[attendance]}
      {attendance === 'absent' && reason ? `（${reason}）` : ''}
    </Tag>
  );
}

export const COMPLIANCE_COLORS: Record<ComplianceStatus, string> = {
  已完成: 'green',
  待完成: 'gold',
  逾期: 'red',
  不适用: 'default',
};

export function ComplianceTag({ status }: { status: ComplianceStatus }) {
  return <Tag color={COMPLIANCE_COLORS[status]}>{status}</Tag>;
}

/** "2026-11-20（周五）" */
export function dateWithWeekday(iso: string): string {
  return `${iso}（${dayjs(iso).format('ddd')}）`;
}

/** "09:00–11:00" */
export const timeRange = (m: { startTime: string; endTime: string }) => `${m.startTime}–${m.endTime}`;

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO instant on the meeting's clock (Asia/Shanghai, like the times of the record): "11-20 08:30". */
export function shortInstant(iso: string | null): string {
  if (!iso) return '';
  const p = Object.fromEntries(SHANGHAI.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The validity rules a record breaks, each with the article it cites. */
export function ValidityWarnings({
  warnings,
  title,
  testId,
}: {
  /** As the domain states them; the API carries the code as text. */
  warnings: readonly (Omit<ValidityWarning, 'code'> & { code: string })[];
  title: string;
  testId: string;
}) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      message={title}
      data-testid={testId}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {warnings.map((w) => (
            <li key={`${w.code}${w.message}`}>
              {w.message}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                依据：{w.rule}
              </Typography.Text>
            </li>
          ))}
        </ul>
      }
    />
  );
}
