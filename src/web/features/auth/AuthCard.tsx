import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card the login and password pages share. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #b71c1c 0%, #8e1414 45%, #f5f5f5 45%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={3} style={{ margin: '8px 0 0', letterSpacing: 4 }}>
            智慧支部
          </Typography.Title>
          <Typography.Text type="secondary">{title}</Typography.Text>
        </div>
        {children}
      </Card>
    </div>
  );
}
