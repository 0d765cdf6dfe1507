import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Table, Upload } from 'antd';
import { errorMessage } from '../../app/http';
import { dryRunButtons, useDryRunImport } from '../../components/DryRunImport';
import { downloadBasesTemplate, duesKeys, importBases } from './api';

/** Bases from the template: all or nothing, every bad row listed (行号, 列, 原因). */
export function ImportBasesModal({
  orgId,
  month,
  onClose,
}: {
  orgId: number;
  month: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { file, outcome, run, chooser } = useDryRunImport(
    (chosen, dryRun) => importBases(orgId, chosen, dryRun),
    async (result) => {
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
      void message.success(`已导入 ${result.imported} 条基数`);
    },
  );
  return (
    <Modal
      open
      title="批量导入党费基数"
      width={720}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          {dryRunButtons(run, file !== null)}
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          title="模板已列出本组织在册党员。填写类别、起始月份和月收入基数后上传；整批校验，有任何错误则全部不导入。"
          action={
            <Button
              size="small"
              onClick={() =>
                downloadBasesTemplate(orgId, month).catch((e) => void message.error(errorMessage(e)))
              }
            >
              下载模板
            </Button>
          }
        />
        <Upload.Dragger {...chooser}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 .xlsx 文件</p>
        </Upload.Dragger>
        {outcome?.kind === 'ok' && (
          <Alert
            type="success"
            showIcon
            title={
              outcome.result.dryRun
                ? `检查通过：${outcome.result.rows} 行均可导入`
                : `已导入 ${outcome.result.imported} 条${outcome.result.recomputed ? `，重新计算未结账月份 ${outcome.result.recomputed} 条` : ''}`
            }
          />
        )}
        {outcome?.kind === 'refused' && (
          <>
            <Alert type="error" showIcon title={outcome.message} />
            {outcome.errors.length > 0 && (
              <Table
                size="small"
                rowKey={(e, i) => `${e.path}-${i}`}
                dataSource={outcome.errors}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 150 },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
