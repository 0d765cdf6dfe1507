import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../domain/access';
import { type Api, actorOf, sendFile, XLSX_TYPE } from '../http/api';
import { DOCX_TYPE, ledgerDocument } from './docx';
import { type Ledger, ledgerTitle } from './ledger';
import { ledgerPrintModel, ZLedgerPrint } from './print';
import { ledgerWorkbook } from './xlsx';

/**
 * A module's ledger in every format, from one loader: `<path>.xlsx` (the workbook), `<path>.docx` (the Word
 * document) and `<path>.print` (the print page's model). The loader authorizes and scopes like any read.
 */
export function ledgerRoutes<Q extends z.ZodTypeAny>(
  api: Api,
  options: {
    path: string;
    tags: string[];
    /** What the ledger is, for the API docs: "组织生活台账". */
    name: string;
    querystring: Q;
    load: (actor: Actor, query: z.infer<Q>) => Promise<Ledger>;
  },
) {
  const { path, tags, name, querystring, load } = options;
  const ledgerOf = (request: FastifyRequest) => load(actorOf(request), request.query as z.infer<Q>);
  api.get(
    `${path}.xlsx`,
    { schema: { tags, summary: `导出${name}（Excel，每部分一张工作表）`, querystring } },
    async (request, reply) => {
      const ledger = await ledgerOf(request);
      return sendFile(reply, `${ledgerTitle(ledger)}.xlsx`, XLSX_TYPE, await ledgerWorkbook(ledger));
    },
  );
  api.get(
    `${path}.docx`,
    { schema: { tags, summary: `导出${name}（Word）`, querystring } },
    async (request, reply) => {
      const ledger = await ledgerOf(request);
      return sendFile(reply, `${ledgerTitle(ledger)}.docx`, DOCX_TYPE, await ledgerDocument(ledger));
    },
  );
  api.get(
    `${path}.print`,
    { schema: { tags, summary: `${name}打印页`, querystring, response: { 200: ZLedgerPrint } } },
    async (request) => ledgerPrintModel(await ledgerOf(request)),
  );
}
