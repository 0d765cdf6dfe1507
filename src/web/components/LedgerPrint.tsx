import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { TLedgerPrint } from '../../server/ledgers/print';
import { http } from '../app/http';
import { PrintSheet } from './PrintSheet';
import { QueryError } from './QueryError';

const ORDINALS = '一二三四五六七八九十';
const ordinal = (i: number) => (i < ORDINALS.length ? `${ORDINALS[i]}、` : `${i + 1}. `);

type PrintSection = TLedgerPrint['sections'][number];

/** Printed rows have no identity beyond their place: keys from their position, made once. */
const lines = (section: PrintSection) =>
  [...section.rows, ...section.totals].map((cells, r) => ({
    id: `r${r}`,
    total: r >= section.rows.length,
    cells: cells.map((cell, c) => ({ ...cell, id: `c${c}` })),
  }));

/** Under the page's heading the org is said once: section titles drop it. */
const withoutOrg = (title: string, org: string) =>
  title.startsWith(`${org} `) ? title.slice(org.length + 1) : title;

/** A ledger as the server's ledger builder lays it out for paper (`<ledger>.print`): every section a table. */
export function LedgerPrint({ testId, ledger }: { testId: string; ledger: TLedgerPrint }) {
  return (
    <PrintSheet
      testId={testId}
      orgName={ledger.org}
      title={`${ledger.period}${ledger.name}`}
      meta={ledger.meta}
    >
      {ledger.sections.map((section, s) => (
        <section key={section.title}>
          <h2>
            {ordinal(s)}
            {withoutOrg(section.title, ledger.org)}
          </h2>
          <table>
            <thead>
              <tr>
                {section.headers.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {section.rows.length === 0 && (
                <tr>
                  <td colSpan={section.headers.length} className="empty">
                    无记录
                  </td>
                </tr>
              )}
              {lines(section).map((line) => (
                <tr key={line.id} style={line.total ? { fontWeight: 600 } : undefined}>
                  {line.cells.map((cell) => (
                    <td
                      key={cell.id}
                      className={cell.numeric ? 'num' : undefined}
                      style={{ whiteSpace: cell.nowrap ? 'nowrap' : 'pre-wrap' }}
                    >
                      {cell.text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {section.notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </section>
      ))}
    </PrintSheet>
  );
}

/** A print page for a ledger route: the page's own query string (orgId, year …) is the ledger's. */
export function LedgerPrintPage({ testId, path }: { testId: string; path: string }) {
  const [params] = useSearchParams();
  const query = Object.fromEntries(params.entries());
  const ledger = useQuery({
    queryKey: ['ledger-print', path, query],
    queryFn: () => http.get<TLedgerPrint>(path, query),
  });
  if (ledger.isError) return <QueryError error={ledger.error} retry={() => void ledger.refetch()} />;
  if (!ledger.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <LedgerPrint testId={testId} ledger={ledger.data} />;
}
