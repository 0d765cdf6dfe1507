import { Button, Descriptions, Empty, Input, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { useAction } from '../../components/useAction';
import type { MemberDetail } from '../members';
import { memberKeys } from '../members';
import { accountKeys, enableLogin, type InitialPassword, resetPassword, setAccountDisabled } from './api';
import { InitialPasswordModal } from './InitialPasswordModal';

/** A member's login: open one, reset its password, disable or enable it. */
export function MemberAccount({ member, canManage }: { member: MemberDetail; canManage: boolean }) {
  const [loginName, setLoginName] = useState('');
  const [shown, setShown] = useState<{ title: string; result: InitialPassword } | null>(null);
  // What an account change shows on: the member's record, the roster and the accounts list.
  const invalidate = [memberKeys.detail(member.id), memberKeys.all, accountKeys.all];

  const open = useAction({
    run: () => enableLogin(member.id, loginName.trim() || undefined),
    invalidate,
    waitForRefresh: true,
    onDone: (result) => setShown({ title: `已为 ${member.name} 开通账号`, result }),
  });
  const reset = useAction({
    run: (accountId: number) => resetPassword(accountId),
    invalidate,
    waitForRefresh: true,
    onDone: (result) => setShown({ title: `已重置 ${member.name} 的密码`, result }),
  });
  const toggle = useAction({
    run: ({ accountId, disabled }: { accountId: number; disabled: boolean }) =>
      setAccountDisabled(accountId, disabled),
    invalidate,
    waitForRefresh: true,
    success: (_r, v) => (v.disabled ? '账号已停用' : '账号已启用'),
  });

  const account = member.account;
  return (
    <div data-testid="member-account">
      {account ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            { key: 'login', label: '登录名', children: account.loginName },
            {
              key: 'state',
              label: '状态',
              children: (
                <Space>
                  {account.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
                  {account.mustChangePassword && <Tag color="orange">待修改初始密码</Tag>}
                </Space>
              ),
            },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未开通账号" />
      )}
      {canManage && (
        <Space wrap style={{ marginTop: 16 }}>
          {!account && (
            <>
              <Input
                placeholder="登录名（留空则用手机号或系统生成）"
                value={loginName}
                onChange={(e) => setLoginName(e.target.value)}
                style={{ width: 280 }}
              />
              <Button type="primary" loading={open.isPending} onClick={() => open.mutate()}>
                开通账号
              </Button>
            </>
          )}
          {account && (
            <>
              <Popconfirm
                title="重置密码"
                description="将生成新的初始密码，本人下次登录须修改。确定重置？"
                onConfirm={() => reset.mutate(account.id)}
              >
                <Button loading={reset.isPending}>重置密码</Button>
              </Popconfirm>
              <Popconfirm
                title={account.disabled ? '启用账号' : '停用账号'}
                description={
                  account.disabled
                    ? '启用后本人可以再次登录。'
                    : '停用后本人将无法登录，已登录的会话随即失效。'
                }
                onConfirm={() => toggle.mutate({ accountId: account.id, disabled: !account.disabled })}
              >
                <Button danger={!account.disabled} loading={toggle.isPending}>
                  {account.disabled ? '启用' : '停用'}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      )}
      <InitialPasswordModal
        result={shown?.result ?? null}
        title={shown?.title ?? ''}
        onClose={() => setShown(null)}
      />
    </div>
  );
}
