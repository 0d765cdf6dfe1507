import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * A month picker whose value is the first day of the month as an ISO date ("2026-12-01"): rules and
 * settings change on month boundaries only, so a day cannot be picked.
 */
export function MonthStartInput({
  value,
  onChange,
  notBefore,
  notAfter,
  id,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Earliest month offered, as any ISO date inside it. */
  notBefore?: string;
  /** Latest month offered, as any ISO date inside it. */
  notAfter?: string;
  id?: string;
}) {
  return (
    <DatePicker
      id={id}
      picker="month"
      format="YYYY年M月"
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.startOf('month').format('YYYY-MM-DD') : null)}
      disabledDate={(d) =>
        (notBefore !== undefined && d.isBefore(dayjs(notBefore), 'month')) ||
        (notAfter !== undefined && d.isAfter(dayjs(notAfter), 'month'))
      }
      placeholder="选择月份"
      allowClear={false}
      style={{ width: '100%' }}
    />
  );
}

/** The first day of the month after the one holding an ISO date. */
export const nextMonthStart = (iso: string) =>
  dayjs(iso).add(1, 'month').startOf('month').format('YYYY-MM-DD');
