import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Popconfirm, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { DICTIONARY_KINDS, type DictionaryKind } from '../../../domain/dictionaries';
import { FormModal } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import {
  createDictionaryEntry,
  type DictionaryEntry,
  type DictionaryUpdateInput,
  dictionaryKeys,
  updateDictionaryEntry,
} from './api';
import { useDictionaries } from './useDictionaries';

interface EntryForm {
  label: string;
  code?: string | null;
  sortOrder?: number | null;
}

/** Vocabularies as data: 民族, 学历, 人员类别, 职务, 缺席原因. Entries are retired, never deleted. */
export function DictionariesPage() {
  const dictionaries = useDictionaries();
  const [kind, setKind] = useState<DictionaryKind>('ethnicity');
  const [editing, setEditing] = useState<DictionaryEntry | 'new' | null>(null);

  const update = useAction({
    run: ({ id, input }: { id: number; input: DictionaryUpdateInput }) => updateDictionaryEntry(id, input),
    invalidate: [dictionaryKeys.all],
    waitForRefresh: true,
    success: (entry) => `已更新“${entry.label}”`,
  });

  const entries = (dictionaries.data ?? [])
    .filter((e) => e.kind === kind)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);

  return (
    <Card title="字典管理">
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as DictionaryKind)}
        items={Object.entries(DICTIONARY_KINDS).map(([key, label]) => ({ key, label }))}
        tabBarExtraContent={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增{DICTIONARY_KINDS[kind]}
          </Button>
        }
      />
      {dictionaries.isError ? (
        <QueryError error={dictionaries.error} retry={() => void dictionaries.refetch()} />
      ) : (
        <Table<DictionaryEntry>
          rowKey="id"
          size="small"
          loading={dictionaries.isFetching}
          dataSource={entries}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项` }}
          columns={[
            { title: '代码', dataIndex: 'code', width: 100, render: (v: string | null) => v ?? '—' },
            { title: '名称', dataIndex: 'label' },
            { title: '排序', dataIndex: 'sortOrder', width: 80 },
            {
              title: '状态',
              dataIndex: 'active',
              width: 90,
              render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
            },
            {
              title: '操作',
              key: 'actions',
              width: 160,
              render: (_, e) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(e)}>
                    修改
                  </Button>
                  <Popconfirm
                    title={e.active ? '停用字典项' : '启用字典项'}
                    description={
                      e.active
                        ? '停用后不再出现在下拉选项和导入模板中，已有档案保留原值且仍可编辑。'
                        : '启用后重新出现在下拉选项中。'
                    }
                    onConfirm={() => update.mutate({ id: e.id, input: { active: !e.active } })}
                  >
                    <Button type="link" size="small" danger={e.active}>
                      {e.active ? '停用' : '启用'}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && (
        <EntryModal
          kind={kind}
          entry={editing === 'new' ? null : editing}
          nextSortOrder={Math.max(-1, ...entries.map((e) => e.sortOrder)) + 1}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

function EntryModal({
  kind,
  entry,
  nextSortOrder,
  onClose,
}: {
  kind: DictionaryKind;
  entry: DictionaryEntry | null;
  /** A new entry goes to the end of its list unless the admin says otherwise. */
  nextSortOrder: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<EntryForm>();
  const save = useAction({
    run: (v: EntryForm) => {
      const input = { label: v.label.trim(), code: v.code?.trim() || null, sortOrder: v.sortOrder ?? 0 };
      return entry ? updateDictionaryEntry(entry.id, input) : createDictionaryEntry({ kind, ...input });
    },
    invalidate: [dictionaryKeys.all],
    waitForRefresh: true,
    success: (saved) => (entry ? `已修改为“${saved.label}”` : `已新增“${saved.label}”`),
    onDone: onClose,
  });
  return (
    <FormModal<EntryForm>
      title={entry ? `修改${DICTIONARY_KINDS[kind]}：${entry.label}` : `新增${DICTIONARY_KINDS[kind]}`}
      form={form}
      initialValues={
        entry
          ? { label: entry.label, code: entry.code, sortOrder: entry.sortOrder }
          : { sortOrder: Math.min(nextSortOrder, 9999) }
      }
      saving={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onClose={onClose}
    >
      <Form.Item
        name="label"
        label="名称"
        rules={[
          { required: true, whitespace: true, message: '名称不能为空' },
          { max: 50, message: '名称不能超过 50 个字' },
        ]}
        extra={
          entry
            ? '已被党员档案使用的名称、决定党费标准的人员类别不能改名；需要新名称时请新增字典项并停用此项'
            : undefined
        }
      >
        <Input />
      </Form.Item>
      <Form.Item name="code" label="代码" rules={[{ max: 20 }]}>
        <Input placeholder="可留空" />
      </Form.Item>
      <Form.Item name="sortOrder" label="排序号">
        <InputNumber min={0} max={9999} precision={0} />
      </Form.Item>
    </FormModal>
  );
}
