import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { homePath } from '../../app/access';
import { useAuth } from '../../app/auth';
import { errorMessage } from '../../app/http';
import { AuthCard } from './AuthCard';

interface LoginForm {
  loginName: string;
  password: string;
}

export function LoginPage() {
  const { me, permissions, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (me)
    return <Navigate to={me.mustChangePassword ? '/change-password' : homePath(permissions, me)} replace />;

  const onFinish = async (values: LoginForm) => {
    setError(null);
    setSubmitting(true);
    try {
      const session = await signIn(values.loginName.trim(), values.password);
      if (session.mustChangePassword) void navigate('/change-password', { replace: true });
      else void navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title="党建工作平台 · 登录">
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
        <Form.Item name="loginName" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="用户名" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          登录
        </Button>
      </Form>
    </AuthCard>
  );
}
