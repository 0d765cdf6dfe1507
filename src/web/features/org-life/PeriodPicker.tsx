import { Select, Space } from 'antd';
import { type PeriodUnit, periodAt, periodFromKey, periodOf, yearOf } from '../../../domain/period';

const UNIT_OPTIONS: { value: PeriodUnit; label: string }[] = [
  { value: 'year', label: '全年' },
  { value: 'half', label: '半年' },
  { value: 'quarter', label: '季度' },
  { value: 'month', label: '月度' },
];

const INDEX_OPTIONS: Record<Exclude<PeriodUnit, 'year'>, { value: number; label: string }[]> = {
  half: [
    { value: 0, label: '上半年' },
    { value: 1, label: '下半年' },
  ],
  quarter: ['一', '二', '三', '四'].map((n, i) => ({ value: i, label: `第${n}季度` })),
  month: Array.from({ length: 12 }, (_, i) => ({ value: i, label: `${i + 1}月` })),
};

/** Year, half, quarter or month, as the API's period key ("2026", "2026-H1", "2026-Q4", "2026-11"). */
export function PeriodPicker({
  value,
  onChange,
  today,
}: {
  value: string;
  onChange: (key: string) => void;
  /** The server's "today" (Asia/Shanghai): the years offered end with its year. */
  today: string;
}) {
  const thisYear = yearOf(today);
  const choice = periodFromKey(value) ?? periodOf('year', today);
  const years = [...new Set([thisYear, thisYear - 1, thisYear - 2, thisYear - 3, choice.year])].sort(
    (a, b) => b - a,
  );

  return (
    <Space.Compact data-testid="period-picker">
      <Select<PeriodUnit>
        value={choice.unit}
        options={UNIT_OPTIONS}
        style={{ width: 80 }}
        aria-label="统计周期"
        onChange={(unit) => {
          // Land on the part of the year holding today (or the year's first part for a past year).
          const day = choice.year === thisYear ? today : periodAt('year', choice.year, 0).start;
          onChange(periodOf(unit, day).key);
        }}
      />
      <Select<number>
        value={choice.year}
        options={years.map((y) => ({ value: y, label: `${y}年` }))}
        style={{ width: 96 }}
        aria-label="年度"
        onChange={(year) => onChange(periodAt(choice.unit, year, choice.index).key)}
      />
      {choice.unit !== 'year' && (
        <Select<number>
          value={choice.index}
          options={INDEX_OPTIONS[choice.unit]}
          style={{ width: 104 }}
          aria-label="期间"
          onChange={(index) => onChange(periodAt(choice.unit, choice.year, index).key)}
        />
      )}
    </Space.Compact>
  );
}
