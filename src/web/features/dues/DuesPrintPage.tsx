import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { monthLabel } from '../../../domain/dues';
import { QueryError } from '../../components/QueryError';
import { duesQueries } from './api';
import { yuan } from './display';

/**
 * Print view of the collection sheets (?org=&month= monthly, ?org=&year= annual): a plain table on white,
 * A4 landscape, with the rule stated and lines for signatures.
 */
export function DuesPrintPage() {
  const [params] = useSearchParams();
  const orgId = Number(params.get('org'));
  const month = params.get('month');
  const year = Number(params.get('year') ?? month?.slice(0, 4));
  return (
    <div className="zb-print">
      <style>
        {'@page { size: A4 landscape; margin: 12mm; } @media print { .zb-print-actions { display: none; } }'}
      </style>
      <div className="zb-print-actions" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      </div>
      {month ? <MonthlySheet orgId={orgId} month={month} /> : <AnnualSheet orgId={orgId} year={year} />}
    </div>
  );
}

const cell = { border: '1px solid #555', padding: '3px 6px', fontSize: 12 } as const;
const num = { ...cell, textAlign: 'right' } as const;

function MonthlySheet({ orgId, month }: { orgId: number; month: string }) {
  const q = useQuery(duesQueries.ledger(orgId, month));
  if (q.isPending) return <Spin />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  return (
    <>
      <h2 style={{ textAlign: 'center' }}>
        {d.org.name} {monthLabel(month)}党费收缴登记表
      </h2>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            {[
              '序号',
              '姓名',
              '身份',
              '类别',
              '计算过程',
              '应交',
              '实交',
              '欠交',
              '状态',
              '交纳日期',
              '签名',
            ].map((h) => (
              <th key={h} style={cell}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r, i) => (
            <tr key={r.memberId}>
              <td style={cell}>{i + 1}</td>
              <td style={cell}>{r.name}</td>
              <td style={cell}>{r.memberStatus}</td>
              <td style={cell}>{r.category}</td>
              <td style={cell}>{r.working}</td>
              <td style={num}>{yuan(r.payableFen)}</td>
              <td style={num}>{yuan(r.paidFen)}</td>
              <td style={num}>{yuan(r.owedFen)}</td>
              <td style={cell}>{r.state}</td>
              <td style={cell}>{r.paidOn ?? ''}</td>
              <td style={{ ...cell, width: 70 }} />
            </tr>
          ))}
          <tr>
            <td style={cell} colSpan={5}>
              合计 {d.totals.members} 人，交清 {d.totals.settled} 人，收缴率 {d.totals.rate}%
            </td>
            <td style={num}>{yuan(d.totals.payableFen)}</td>
            <td style={num}>{yuan(d.totals.paidFen)}</td>
            <td style={num}>{yuan(d.totals.owedFen)}</td>
            <td style={cell} colSpan={3} />
          </tr>
        </tbody>
      </table>
      <p style={{ fontSize: 12 }}>
        计算依据：中组发〔2008〕3号，按月收入全额对应比例计算（不累进）；{d.roundingLabel}。
        {d.closed ? '本月已结账。' : '本月尚未结账。'}
      </p>
      <p style={{ marginTop: 32 }}>
        支部书记（签字）：＿＿＿＿＿＿　　收缴人（签字）：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿
      </p>
    </>
  );
}

function AnnualSheet({ orgId, year }: { orgId: number; year: number }) {
  const q = useQuery(duesQueries.annual(orgId, year));
  if (q.isPending) return <Spin />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  return (
    <>
      <h2 style={{ textAlign: 'center' }}>
        {d.org.name} {year}年度党费收缴情况表
      </h2>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th style={cell}>姓名</th>
            {d.months.map((m) => (
              <th key={m} style={cell}>
                {Number(m.slice(5))}月
              </th>
            ))}
            <th style={cell}>全年应交</th>
            <th style={cell}>全年实交</th>
            <th style={cell}>欠交</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r) => (
            <tr key={r.memberId}>
              <td style={cell}>{r.name}</td>
              {r.cells.map((c, i) => (
                <td key={d.months[i]} style={num}>
                  {c === null ? '—' : c.state === '待核定' ? '待核定' : yuan(c.paidFen)}
                </td>
              ))}
              <td style={num}>{yuan(r.payableFen)}</td>
              <td style={num}>{yuan(r.paidFen)}</td>
              <td style={num}>{yuan(r.owedFen)}</td>
            </tr>
          ))}
          <tr>
            <td style={cell}>收缴率</td>
            {d.monthTotals.map((t, i) => (
              <td key={d.months[i]} style={num}>
                {t.members ? `${t.rate}%` : '—'}
              </td>
            ))}
            <td style={num}>{yuan(d.totals.payableFen)}</td>
            <td style={num}>{yuan(d.totals.paidFen)}</td>
            <td style={num}>{yuan(d.totals.owedFen)}</td>
          </tr>
        </tbody>
      </table>
      <p style={{ fontSize: 12 }}>
        计算依据：中组发〔2008〕3号，按月收入全额对应比例计算（不累进）；舍入：{d.roundingStatement}
        。每格为当月实交金额（元）；“—”表示当月不在本组织或台账未生成。
      </p>
    </>
  );
}
