import { z } from 'zod';
import { MEMBER_EVENT_KINDS, MEMBER_STATUSES } from '../../../domain/member-status';
import { LIMITS, zIdCardText, zIsoDate, zOptionalDate, zPage, zPhone } from '../../../shared/validation';

export const ZMemberStatus = z.enum(MEMBER_STATUSES, { message: '党员状态无效' });
export const ZMemberEventKind = z.enum(MEMBER_EVENT_KINDS, { message: '变动类型无效' });

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

/** The fields a secretary types: the same for the form, the API and each import row. */
export const memberFields = {
  name: z.string().trim().min(1, '姓名不能为空').max(LIMITS.nameMax, `姓名不能超过 ${LIMITS.nameMax} 个字`),
  sex: z.enum(['男', '女'], { message: '性别应为“男”或“女”' }),
  ethnicity: z.string().trim().min(1, '民族不能为空'),
  birthDate: zIsoDate('出生日期'),
  education: nullableText(20),
  idCard: zIdCardText,
  phone: zPhone.nullable().optional(),
  joinedOn: zIsoDate('入党日期'),
  confirmedOn: zOptionalDate('转正日期'),
  workStartedOn: zOptionalDate('参加工作日期'),
  jobTitle: nullableText(30),
  category: z.string().trim().min(1, '人员类别不能为空'),
  isFlowing: z.boolean().optional(),
  flowNote: nullableText(LIMITS.noteMax),
  note: nullableText(LIMITS.noteMax),
};

/** A member arriving from an org outside Zhibu: their history here starts with the 转入, not with joining. */
export const ZMemberArrival = z.object({
  effectiveDate: zIsoDate('转入日期'),
  counterpartOrg: z.string().trim().min(1, '请填写转出的党组织').max(LIMITS.orgNameMax),
  letterNo: nullableText(50),
});

export const ZMemberCreate = z.object({
  orgId: z.number().int(),
  ...memberFields,
  arrival: ZMemberArrival.optional(),
});
export type TMemberCreate = z.infer<typeof ZMemberCreate>;

export const ZMemberUpdate = z.object({ ...memberFields, idCard: memberFields.idCard.optional() }).partial();
export type TMemberUpdate = z.infer<typeof ZMemberUpdate>;

export const MEMBER_SORTS = ['name', 'joinedOn', 'birthDate', 'org', 'id'] as const;

export const ZMemberListQuery = zPage.extend({
  orgId: z.coerce.number().int().optional(),
  q: z.string().trim().max(50).optional(),
  status: z.union([ZMemberStatus, z.literal('在册')]).optional(),
  category: z.string().trim().max(20).optional(),
  sort: z.enum(MEMBER_SORTS).default('org'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TMemberListQuery = z.infer<typeof ZMemberListQuery>;

export const ZMemberRow = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  sex: z.string(),
  ethnicity: z.string(),
  birthDate: z.string(),
  education: z.string().nullable(),
  idCardMasked: z.string(),
  phone: z.string().nullable(),
  joinedOn: z.string(),
  confirmedOn: z.string().nullable(),
  workStartedOn: z.string().nullable(),
  jobTitle: z.string().nullable(),
  category: z.string(),
  status: ZMemberStatus,
  isFlowing: z.boolean(),
  hasAccount: z.boolean(),
});
export type TMemberRow = z.infer<typeof ZMemberRow>;

export const ZMemberEvent = z.object({
  id: z.number().int(),
  kind: ZMemberEventKind,
  effectiveDate: z.string(),
  status: ZMemberStatus,
  orgId: z.number().int(),
  orgName: z.string(),
  letterNo: z.string().nullable(),
  counterpartOrg: z.string().nullable(),
  letterValidUntil: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const ZMemberDetail = ZMemberRow.extend({
  flowNote: z.string().nullable(),
  note: z.string().nullable(),
  events: z.array(ZMemberEvent),
  account: z
    .object({
      id: z.number().int(),
      loginName: z.string(),
      disabled: z.boolean(),
      mustChangePassword: z.boolean(),
    })
    .nullable(),
  canEdit: z.boolean(),
  canRevealIdCard: z.boolean(),
  allowedEvents: z.array(ZMemberEventKind),
});

export const ZMemberEventCreate = z.object({
  kind: ZMemberEventKind,
  effectiveDate: zIsoDate('生效日期'),
  /** 支部间调动 and 转入: the receiving org. */
  toOrgId: z.number().int().optional(),
  /** 转入 and 更正: the status from this date on. */
  status: ZMemberStatus.optional(),
  letterNo: nullableText(50),
  counterpartOrg: nullableText(LIMITS.orgNameMax),
  letterValidUntil: zOptionalDate('介绍信有效期'),
  note: nullableText(LIMITS.noteMax),
});
export type TMemberEventCreate = z.infer<typeof ZMemberEventCreate>;

export const ZMemberPage = z.object({
  rows: z.array(ZMemberRow),
  /** Matching members, counted up to LIMITS.countCap. */
  total: z.number().int(),
  /** True when more than LIMITS.countCap match: show "10,000+". */
  totalCapped: z.boolean(),
});
