import { z } from 'zod';
import {
  COMMITTEE_POSTS,
  GROUP_POSTS,
  MAX_TERM_EXTENSION_MONTHS,
  ORG_TYPES,
} from '../../../domain/org-rules';
import { LIMITS, zIsoDate, zOptionalDate, zQueryFlag } from '../../../shared/validation';

export const ZOrgType = z.enum(ORG_TYPES, { message: '组织类型无效' });

export const ZOrgWarning = z.object({ code: z.string(), message: z.string(), rule: z.string() });

export const ZOrg = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  path: z.string(),
  depth: z.number().int(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: ZOrgType,
  unitName: z.string().nullable(),
  establishedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  dissolveReason: z.string().nullable(),
  termStart: z.string().nullable(),
  termExtensionMonths: z.number().int(),
  termEnd: z.string().nullable(),
  sortOrder: z.number().int(),
});
export type TOrg = z.infer<typeof ZOrg>;

export const ZOrgNode = ZOrg.extend({
  childCount: z.number().int(),
  directMembers: z.number().int(),
});

export const ZOrgPost = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  post: z.string(),
  memberId: z.number().int().nullable(),
  holderName: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
});

export const ZOrgDetail = ZOrg.extend({
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string(), type: ZOrgType })),
  fullMembers: z.number().int(),
  allMembers: z.number().int(),
  committeeSize: z.number().int(),
  posts: z.array(ZOrgPost),
  warnings: z.array(ZOrgWarning),
  canEdit: z.boolean(),
  canRestructure: z.boolean(),
});

const orgFields = {
  name: z
    .string()
    .trim()
    .min(1, '组织名称不能为空')
    .max(LIMITS.orgNameMax, `组织名称不能超过 ${LIMITS.orgNameMax} 个字`),
  shortName: z.string().trim().max(20).nullable().optional(),
  unitName: z.string().trim().max(LIMITS.orgNameMax).nullable().optional(),
  establishedOn: zOptionalDate('成立日期'),
  termStart: zOptionalDate('本届任期开始日期'),
  termExtensionMonths: z
    .number()
    .int()
    .min(0)
    .max(MAX_TERM_EXTENSION_MONTHS, `换届延期不得超过 ${MAX_TERM_EXTENSION_MONTHS} 个月`)
    .optional(),
  sortOrder: z.number().int().min(0).max(99999).optional(),
};

export const ZOrgCreate = z.object({ parentId: z.number().int(), type: ZOrgType, ...orgFields });
export const ZOrgUpdate = z.object({ ...orgFields, name: orgFields.name.optional() });
export const ZOrgMove = z.object({ newParentId: z.number().int() });
export const ZOrgDissolve = z.object({
  dissolvedOn: zIsoDate('撤销日期'),
  reason: z.string().trim().min(1, '请填写撤销原因').max(LIMITS.noteMax),
});

export const ZPostCreate = z.object({
  post: z.enum([...COMMITTEE_POSTS, ...GROUP_POSTS], { message: '职务无效' }),
  memberId: z.number().int(),
  startDate: zIsoDate('任职日期'),
});
export const ZPostEnd = z.object({ endDate: zIsoDate('离任日期') });

export const ZOrgChildrenQuery = z.object({
  parentId: z.coerce.number().int().optional(),
  includeDissolved: zQueryFlag('includeDissolved'),
});
export const ZOrgSearchQuery = z.object({ q: z.string().trim().min(1).max(50) });
