import { useMemo } from 'react';
import { EChart } from '../../components/EChart';

/** 正式 and 预备 members of an org's subtree, as a ring. Loaded lazily: ECharts is a large download. */
export default function MemberMixChart({ full, probationary }: { full: number; probationary: number }) {
  const option = useMemo(
    () => ({
      color: ['#b71c1c', '#f4a261'],
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
      legend: { bottom: 0, itemWidth: 12, itemHeight: 12 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '42%'],
          label: { show: false },
          data: [
            { name: '正式党员', value: full },
            { name: '预备党员', value: probationary },
          ],
        },
      ],
    }),
    [full, probationary],
  );
  return <EChart option={option} style={{ height: 180 }} />;
}
