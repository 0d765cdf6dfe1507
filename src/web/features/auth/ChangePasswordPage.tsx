import { Alert, App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { LIMITS } from '../../../shared/limits';
import { useAuth, useMe } from '../../app/auth';
import { errorMessage } from '../../app/http';
import { AuthCard } from './AuthCard';
import { changePassword } from './api';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** The same rule the server applies (src/shared/validation.ts zPassword), checked before sending. */
const strongEnough = (value: string) =>
  value.length >= LIMITS.passwordMin && /[A-Za-z]/.test(value) && /\d/.test(value);

export function ChangePasswordPage() {
  const me = useMe();
  const { refresh, signOut } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const forced = me.mustChangePassword;

  const onFinish = async (values: PasswordForm) => {
    setError(null);
    setSubmitting(true);
    try {
      await changePassword(values.oldPassword, values.newPassword);
      await refresh();
      void message.success('密码已修改');
      void navigate('/', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={forced ? '首次登录，请修改初始密码' : '修改密码'}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          title="为保护党员信息安全，首次登录须设置新密码后才能使用系统。"
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<PasswordForm> layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={`至少 ${LIMITS.passwordMin} 位，须同时包含字母和数字`}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: (_, value: string | undefined) =>
                !value || strongEnough(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(`密码至少 ${LIMITS.passwordMin} 位，且须同时包含字母和数字`)),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            确认修改
          </Button>
          {forced ? (
            <Button block onClick={() => void signOut().then(() => navigate('/login', { replace: true }))}>
              退出登录
            </Button>
          ) : (
            <Button block onClick={() => navigate(-1)}>
              返回
            </Button>
          )}
        </Space>
      </Form>
    </AuthCard>
  );
}
