import { DatePicker, Tag } from 'antd';
import dayjs from 'dayjs';
import { formatYuan, monthOf, type RowState } from '../../../domain/dues';
import { useToday } from '../../app/today';

/** What a monthly tab of the dues desk takes: the org, the month the ledger and bases tabs share, and may it write. */
export interface MonthTabProps {
  orgId: number;
  month: string;
  setMonth: (m: string) => void;
  canWrite: boolean;
}

/** 分 shown as 元 with two decimals, the way every ledger writes money. */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : `${formatYuan(fen)}`;

/** 元 as typed in a form (up to two decimals) to integer 分, without floating-point drift. */
export function toFen(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const text = typeof value === 'number' ? value.toFixed(2) : value.trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return Number.NaN;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

const STATE_COLORS: Record<RowState, string> = {
  已交清: 'green',
  部分交纳: 'gold',
  未交: 'red',
  待核定: 'default',
};

export function StateTag({ state }: { state: RowState }) {
  return <Tag color={STATE_COLORS[state]}>{state}</Tag>;
}

/** A month picker whose value is the API's "YYYY-MM". */
export function MonthInput({
  value,
  onChange,
  notAfterThisMonth,
  id,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  notAfterThisMonth?: boolean;
  id?: string;
}) {
  const thisMonth = monthOf(useToday());
  return (
    <DatePicker
      id={id}
      picker="month"
      value={value ? dayjs(`${value}-01`) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM') : null)}
      format="YYYY年M月"
      allowClear={false}
      placeholder="选择月份"
      disabledDate={notAfterThisMonth ? (d) => d.format('YYYY-MM') > thisMonth : undefined}
      style={{ width: 130 }}
    />
  );
}
