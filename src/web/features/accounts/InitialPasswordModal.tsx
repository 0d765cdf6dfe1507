import { Alert, Descriptions, Modal, Typography } from 'antd';
import type { InitialPassword } from './api';

/** The one-time password, shown once: the server keeps only its hash. */
export function InitialPasswordModal({
  result,
  title,
  onClose,
}: {
  result: InitialPassword | null;
  title: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={result !== null}
      title={title}
      onOk={onClose}
      onCancel={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
    >
      {result && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="初始密码只显示这一次，请当面或通过安全渠道告知本人；首次登录须修改密码。"
          />
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              {
                key: 'login',
                label: '登录名',
                children: <Typography.Text copyable>{result.loginName}</Typography.Text>,
              },
              {
                key: 'password',
                label: '初始密码',
                children: (
                  <Typography.Text
                    copyable
                    strong
                    style={{ fontFamily: 'monospace', fontSize: 16 }}
                    data-testid="initial-password"
                  >
                    {result.initialPassword}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
