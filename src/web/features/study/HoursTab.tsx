import { useQuery } from '@tanstack/react-query';
import { Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/http';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { downloadSelfStudyTemplate, importSelfStudy, studyKeys, studyQueries } from './api';

const STATE_TAG = {
  reached: <Tag color="green">已达标</Tag>,
  on_track: <Tag color="blue">进度正常</Tag>,
  behind: <Tag color="orange">进度落后</Tag>,
};

export function HoursTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const q = useQuery(studyQueries.hours(orgId, year));
  const [importing, setImporting] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {writable && (
        <Button onClick={() => setImporting(true)} data-testid="import-self-study">
          导入自学记录（.xlsx）
        </Button>
      )}
      {importing && <SelfStudyImportModal orgId={orgId} onClose={() => setImporting(false)} />}
      <Typography.Text type="secondary">
        年度学时标准：党员不少于 32 学时，支部书记、支委不少于 56 学时。
        {q.data && `已达标 ${q.data.reached} / ${q.data.members} 人。`}
      </Typography.Text>
      {q.isError && <QueryError error={q.error} />}
      <Table
        rowKey="memberId"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '组织', dataIndex: 'orgName' },
          { title: '已学（学时）', dataIndex: 'hours', align: 'right' },
          { title: '标准', dataIndex: 'norm', align: 'right' },
          { title: '情况', dataIndex: 'state', render: (s: keyof typeof STATE_TAG) => STATE_TAG[s] },
        ]}
      />
    </Space>
  );
}

interface ImportProblem {
  row?: number;
  column?: string;
  path: string;
  message: string;
}

/**
 * Self-study from an online platform's export: all or nothing; when any row is wrong, every problem is
 * listed by row and column and nothing is credited.
 */
function SelfStudyImportModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const [failure, setFailure] = useState<{ title: string; problems: ImportProblem[] } | null>(null);
  const upload = useAction({
    run: (file: File) => importSelfStudy(orgId, file),
    invalidate: [studyKeys.all],
    success: (r) => `已导入 ${r.imported} 条自学记录，学时已计入`,
    onDone: onClose,
    onError: (e) =>
      setFailure({
        title: errorMessage(e),
        problems: (e as { errors?: ImportProblem[] }).errors ?? [],
      }),
  });
  return (
    <Modal open title="导入自学记录" footer={null} onCancel={onClose} width={760}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          将网络学习平台导出的学习记录按模板整理后导入：每行一条，写明党员姓名及身份证后四位或手机号、学习日期、学习内容、学时。
          任何一行有误都不会写入，请按下列提示修改后重新导入。
        </Typography.Paragraph>
        <Space wrap>
          <Button onClick={() => void downloadSelfStudyTemplate()}>下载导入模板</Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(f) => {
              setFailure(null);
              upload.mutate(f);
              return false;
            }}
          >
            <Button type="primary" loading={upload.isPending}>
              选择文件并导入
            </Button>
          </Upload>
        </Space>
        {failure && (
          <>
            <Typography.Text type="danger" data-testid="self-study-import-error">
              {failure.title}
            </Typography.Text>
            {failure.problems.length > 0 && (
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.path}${p.message}`}
                dataSource={failure.problems}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 120 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
