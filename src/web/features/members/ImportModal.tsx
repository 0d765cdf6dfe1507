import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { type ApiFieldError, errorMessage } from '../../app/http';
import { dryRunButtons, useDryRunImport } from '../../components/DryRunImport';
import { MEMBER_HOLDING_TYPES, OrgPicker, orgKeys } from '../orgs';
import { downloadRosterTemplate, importRoster, memberKeys } from './api';

interface Props {
  defaultOrg: { id: number; name: string; type: (typeof MEMBER_HOLDING_TYPES)[number] } | null;
  onClose: () => void;
}

/**
 * Roster import: all or nothing. The server checks every row and either writes them all or lists each bad
 * row (行号, 列, 原因) and writes none; "仅检查" runs the same checks without writing.
 */
export function ImportModal({ defaultOrg, onClose }: Props) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  // The selected org is the target until the user picks another (undefined: not picked yet).
  const [picked, setOrgId] = useState<number | null | undefined>(undefined);
  const orgId = picked === undefined ? (defaultOrg?.id ?? null) : picked;
  const { file, outcome, setOutcome, run, chooser } = useDryRunImport(
    (chosen, dryRun) => importRoster(orgId as number, chosen, dryRun),
    async (result) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.all }),
        queryClient.invalidateQueries({ queryKey: orgKeys.all }),
      ]);
      void message.success(`已导入 ${result.imported} 名党员`);
    },
  );
  const ready = orgId !== null && file !== null;

  return (
    <Modal
      open
      title="导入花名册"
      width={760}
      onCancel={onClose}
      footer={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void downloadRosterTemplate().catch((e) => message.error(errorMessage(e)))}
          >
            下载模板
          </Button>
          {dryRunButtons(run, ready, 'import-submit')}
          <Button onClick={onClose}>关闭</Button>
        </Space>
      }
    >
      <Form layout="vertical">
        <Form.Item label="导入到" required extra="党员编入所选的党支部或党小组">
          <OrgPicker
            value={orgId}
            onChange={(id) => setOrgId(id)}
            types={MEMBER_HOLDING_TYPES}
            current={defaultOrg}
          />
        </Form.Item>
        <Form.Item label="花名册文件" required>
          <Upload.Dragger
            {...chooser}
            onRemove={(removed) => {
              void chooser.onRemove?.(removed);
              setOutcome(null);
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入 .xlsx 文件</p>
            <p className="ant-upload-hint">请使用“下载模板”得到的表格填写；整批校验，有错误则全部不导入</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      {outcome?.kind === 'ok' && (
        <Alert
          type="success"
          showIcon
          data-testid="import-success"
          title={
            outcome.result.dryRun
              ? `检查通过：共 ${outcome.result.rows} 行，可以导入`
              : `导入成功：已导入 ${outcome.result.imported} 名党员`
          }
        />
      )}
      {outcome?.kind === 'refused' && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="error"
            showIcon
            title="未导入任何数据"
            description={outcome.message}
            data-testid="import-refused"
          />
          {outcome.errors.length > 0 && (
            <>
              <Typography.Text type="secondary">
                共 {outcome.errors.length} 处错误，修正后重新导入：
              </Typography.Text>
              <Table<ApiFieldError & { key: number }>
                size="small"
                data-testid="import-errors"
                dataSource={outcome.errors.map((e, i) => ({ ...e, key: i }))}
                pagination={outcome.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70, render: (v?: number) => v ?? '—' },
                  {
                    title: '列',
                    dataIndex: 'column',
                    width: 120,
                    render: (v: string | undefined, e) => v ?? e.path,
                  },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
