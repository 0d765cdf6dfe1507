import { DatePicker, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useToday } from '../app/today';

const FORMAT = 'YYYY-MM-DD';

export const toDayjs = (iso: string | null | undefined): Dayjs | null => (iso ? dayjs(iso, FORMAT) : null);
export const toIso = (value: Dayjs | null | undefined): string | null =>
  value ? value.format(FORMAT) : null;

interface DateInputProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Refuse dates after today (things that already happened: joining, events). */
  notAfterToday?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
}

/** A date picker whose value is the API's ISO date string, so forms carry no Dayjs objects. */
export function DateInput({
  value,
  onChange,
  notAfterToday,
  placeholder,
  allowClear = true,
  id,
}: DateInputProps) {
  const today = useToday();
  return (
    <DatePicker
      id={id}
      value={toDayjs(value)}
      onChange={(d) => onChange?.(toIso(d))}
      format={FORMAT}
      placeholder={placeholder ?? '选择日期'}
      allowClear={allowClear}
      style={{ width: '100%' }}
      disabledDate={notAfterToday ? (d) => d.format(FORMAT) > today : undefined}
    />
  );
}

interface TimeInputProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
}

/** A 24-hour time picker whose value is the API's "HH:MM" string. */
export function TimeInput({ value, onChange, id, placeholder }: TimeInputProps) {
  return (
    <TimePicker
      id={id}
      value={value ? dayjs(value, 'HH:mm') : null}
      onChange={(d) => onChange?.(d ? d.format('HH:mm') : null)}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      showNow={false}
      placeholder={placeholder ?? '选择时间'}
      style={{ width: '100%' }}
    />
  );
}
