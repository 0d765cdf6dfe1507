import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ReactNode } from 'react';

/** The look of a printed ledger (台账): serif, ruled tables, A4 landscape, no app chrome on paper. */
const PRINT_CSS = `
.zb-ledger { max-width: 1050px; margin: 0 auto; padding: 24px; background: #fff; color: #000;
  font-family: "Noto Serif CJK SC", "Songti SC", "SimSun", serif; }
.zb-ledger h1 { text-align: center; font-size: 24px; letter-spacing: 4px; margin: 8px 0 4px; }
.zb-ledger h2 { font-size: 17px; margin: 20px 0 8px; border-left: 4px solid #b71c1c; padding-left: 8px; }
.zb-ledger .meta { text-align: center; color: #333; margin-bottom: 16px; }
.zb-ledger table { width: 100%; border-collapse: collapse; font-size: 13px; }
.zb-ledger th, .zb-ledger td { border: 1px solid #333; padding: 4px 6px; vertical-align: top; }
.zb-ledger th { background: #f3f3f3; font-weight: 600; white-space: nowrap; }
.zb-ledger td.num { text-align: right; }
.zb-ledger .empty { color: #666; font-style: italic; }
.zb-ledger section { break-inside: auto; }
.zb-ledger tr { break-inside: avoid; }
@media print {
  .zb-no-print { display: none !important; }
  .zb-ledger { padding: 0; max-width: none; }
  @page { size: A4 landscape; margin: 12mm; }
}
`;

/** A printable ledger: print and close buttons (not printed), the org and title as heading, a meta line. */
export function PrintSheet({
  testId,
  orgName,
  title,
  meta,
  children,
}: {
  testId: string;
  orgName: string;
  title: string;
  meta: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="zb-ledger" data-testid={testId}>
      <style>{PRINT_CSS}</style>
      <Space className="zb-no-print" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
        <Button onClick={() => window.close()}>关闭</Button>
      </Space>
      <h1>
        {orgName}
        <br />
        {title}
      </h1>
      <div className="meta">{meta}</div>
      {children}
    </div>
  );
}
