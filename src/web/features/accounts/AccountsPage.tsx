import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../domain/access';
import { useAuth } from '../../app/auth';
import { FormModal } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { OrgPicker } from '../orgs';
import {
  type AccountRow,
  accountKeys,
  accountQueries,
  endGrant,
  type Grant,
  type GrantInput,
  grantRole,
  type InitialPassword,
  resetPassword,
  setAccountDisabled,
} from './api';
import { InitialPasswordModal } from './InitialPasswordModal';

export function AccountsPage() {
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [granting, setGranting] = useState<AccountRow | null>(null);
  const [shown, setShown] = useState<{ title: string; result: InitialPassword } | null>(null);
  const canGrant = can('account.grantRoles');

  const list = useQuery({ ...accountQueries.list(q, page, pageSize), placeholderData: keepPreviousData });

  const reset = useAction({
    run: (a: AccountRow) => resetPassword(a.id),
    invalidate: [accountKeys.all],
    waitForRefresh: true,
    onDone: (result, a) => setShown({ title: `已重置 ${a.displayName} 的密码`, result }),
  });
  const toggle = useAction({
    run: (a: AccountRow) => setAccountDisabled(a.id, !a.disabled),
    invalidate: [accountKeys.all],
    waitForRefresh: true,
    success: (_r, a) => (a.disabled ? `已启用 ${a.displayName} 的账号` : `已停用 ${a.displayName} 的账号`),
  });
  const end = useAction({
    run: (g: Grant) => endGrant(g.id),
    invalidate: [accountKeys.all],
    waitForRefresh: true,
    success: '角色已撤销',
  });

  const renderGrant = (g: Grant) => {
    const tag = (
      <Tag color={g.active ? 'red' : 'default'} style={{ marginBottom: 4, whiteSpace: 'normal' }}>
        {ROLE_LABELS[g.role]} · {g.orgName}
        {!g.active && g.validTo && `（至 ${g.validTo}）`}
      </Tag>
    );
    if (!canGrant || !g.active) return <span key={g.id}>{tag}</span>;
    return (
      <Popconfirm
        key={g.id}
        title="撤销角色"
        description={`撤销“${ROLE_LABELS[g.role]} · ${g.orgName}”，今日起失效？`}
        onConfirm={() => end.mutate(g)}
      >
        <Tooltip title="点击撤销">
          <span style={{ cursor: 'pointer' }}>{tag}</span>
        </Tooltip>
      </Popconfirm>
    );
  };

  return (
    <Card
      title="账号管理"
      extra={
        <Typography.Text type="secondary">为党员开通账号：在花名册中打开党员档案 →“账号”</Typography.Text>
      }
    >
      <Input.Search
        placeholder="登录名 / 姓名"
        allowClear
        style={{ width: 260, marginBottom: 12 }}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {list.isError ? (
        <QueryError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<AccountRow>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.rows}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 个账号`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: '登录名', dataIndex: 'loginName', width: 140 },
            { title: '姓名', dataIndex: 'displayName', width: 160 },
            {
              title: '角色',
              key: 'grants',
              render: (_, a) =>
                a.grants.length > 0 ? (
                  a.grants.map(renderGrant)
                ) : (
                  <Typography.Text type="secondary">党员</Typography.Text>
                ),
            },
            {
              title: '状态',
              key: 'state',
              width: 150,
              render: (_, a) => (
                <Space size={2} wrap>
                  {a.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
                  {a.locked && <Tag color="volcano">已锁定</Tag>}
                  {a.mustChangePassword && <Tag color="orange">待改初始密码</Tag>}
                </Space>
              ),
            },
            {
              title: '最近登录',
              dataIndex: 'lastLoginAt',
              width: 150,
              render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '从未登录'),
            },
            {
              title: '操作',
              key: 'actions',
              width: 230,
              fixed: 'right',
              render: (_, a) => (
                <Space size={0} wrap>
                  <Popconfirm
                    title="重置密码"
                    description="生成新的初始密码，确定？"
                    onConfirm={() => reset.mutate(a)}
                  >
                    <Button type="link" size="small">
                      重置密码
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={a.disabled ? '启用账号' : '停用账号'}
                    description={a.disabled ? '启用后可再次登录。' : '停用后无法登录，已登录的会话随即失效。'}
                    onConfirm={() => toggle.mutate(a)}
                  >
                    <Button type="link" size="small" danger={!a.disabled}>
                      {a.disabled ? '启用' : '停用'}
                    </Button>
                  </Popconfirm>
                  {canGrant && (
                    <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setGranting(a)}>
                      授予角色
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {granting && <GrantModal account={granting} onClose={() => setGranting(null)} />}
      <InitialPasswordModal
        result={shown?.result ?? null}
        title={shown?.title ?? ''}
        onClose={() => setShown(null)}
      />
    </Card>
  );
}

function GrantModal({ account, onClose }: { account: AccountRow; onClose: () => void }) {
  const [form] = Form.useForm<GrantInput>();
  const { can } = useAuth();
  // Only an administrator may make another administrator.
  const roles = (
    ['secretary', 'supervisor', ...(can('dictionary.write') ? ['admin' as const] : [])] as const
  ).map((r) => ({
    value: r,
    label: ROLE_LABELS[r],
  }));
  const grant = useAction({
    run: (v: GrantInput) => grantRole(account.id, v),
    invalidate: [accountKeys.all],
    waitForRefresh: true,
    success: '角色已授予',
    onDone: onClose,
  });
  return (
    <FormModal<GrantInput>
      title={`授予角色：${account.displayName}`}
      okText="授予"
      form={form}
      initialValues={{ role: 'secretary' }}
      saving={grant.isPending}
      onSubmit={(v) => grant.mutate(v)}
      onClose={onClose}
    >
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={roles} />
      </Form.Item>
      <Form.Item
        name="orgId"
        label="管理范围（组织）"
        rules={[{ required: true, message: '请选择组织' }]}
        extra="角色在该组织及其下级组织内有效"
      >
        <OrgPicker />
      </Form.Item>
    </FormModal>
  );
}
