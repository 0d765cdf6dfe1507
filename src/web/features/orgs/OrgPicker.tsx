import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useState } from 'react';
import type { OrgType } from '../../../domain/org-rules';
import { type Org, orgQueries } from './api';

export const MEMBER_HOLDING_TYPES: readonly OrgType[] = ['党支部', '联合党支部', '党小组'];

interface OrgPickerProps {
  value?: number | null;
  onChange?: (id: number | null, org: Pick<Org, 'id' | 'name' | 'type'> | null) => void;
  /** Only these org types may be chosen (members go to branches and groups). */
  types?: readonly OrgType[];
  /** Orgs that may not be chosen (the org itself, when moving it). */
  excludeIds?: readonly number[];
  /** The label of the current value before any search (a preset selection). */
  current?: Pick<Org, 'id' | 'name' | 'type'> | null;
  placeholder?: string;
  id?: string;
}

/** Picks an org of the user's scope by typing part of its name. */
export function OrgPicker({ value, onChange, types, excludeIds, current, placeholder, id }: OrgPickerProps) {
  const [text, setText] = useState('');
  // The chosen org stays labelled after the search text is cleared.
  const [picked, setPicked] = useState<Pick<Org, 'id' | 'name' | 'type'> | null>(null);
  const q = text.trim();
  const results = useQuery(orgQueries.search(q));
  const found = (results.data ?? []).filter(
    (o) => !o.dissolvedOn && (!types || types.includes(o.type)) && !excludeIds?.includes(o.id),
  );
  const choices: Pick<Org, 'id' | 'name' | 'type'>[] = [...found];
  for (const extra of [picked, current])
    if (extra && extra.id === value && !choices.some((o) => o.id === extra.id)) choices.unshift(extra);

  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      placeholder={placeholder ?? '输入组织名称查找'}
      allowClear
      loading={results.isFetching}
      notFoundContent={q ? (results.isFetching ? '查找中…' : '未找到符合条件的组织') : '请输入组织名称'}
      onChange={(next) => {
        const org = choices.find((o) => o.id === next) ?? null;
        setPicked(org);
        onChange?.(next ?? null, org);
      }}
      options={choices.map((o) => ({
        value: o.id,
        label: (
          <span>
            {o.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.type}
            </Typography.Text>
          </span>
        ),
      }))}
      style={{ width: '100%' }}
    />
  );
}
