import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useState } from 'react';
import { type MemberRow, memberQueries } from './api';

interface MemberPickerProps {
  /** Members of this org's subtree. */
  orgId: number;
  value?: number | null;
  onChange?: (id: number | null) => void;
  id?: string;
}

/** Picks an active member of an org by name (the first page when nothing is typed yet). */
export function MemberPicker({ orgId, value, onChange, id }: MemberPickerProps) {
  const [text, setText] = useState('');
  // The chosen member stays labelled after the search text is cleared.
  const [picked, setPicked] = useState<MemberRow | null>(null);
  const query = {
    orgId,
    q: text.trim() || undefined,
    status: '在册' as const,
    page: 1,
    pageSize: 30,
    sort: 'name' as const,
  };
  const results = useQuery(memberQueries.list(query));
  const rows = [...(results.data?.rows ?? [])];
  if (picked && picked.id === value && !rows.some((m) => m.id === picked.id)) rows.unshift(picked);
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      onChange={(next) => {
        setPicked(rows.find((m) => m.id === next) ?? null);
        onChange?.(next ?? null);
      }}
      placeholder="输入姓名查找党员"
      loading={results.isFetching}
      notFoundContent={results.isFetching ? '查找中…' : '没有符合条件的党员'}
      options={rows.map((m) => ({
        value: m.id,
        label: (
          <span>
            {m.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.status} · {m.orgName}
            </Typography.Text>
          </span>
        ),
      }))}
      style={{ width: '100%' }}
    />
  );
}
