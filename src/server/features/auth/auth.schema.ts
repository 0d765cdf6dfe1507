import { z } from 'zod';
import { ROLES } from '../../../domain/access';
import { zIsoDate, zPage, zPassword } from '../../../shared/validation';

export const ZRole = z.enum(ROLES);

export const ZLogin = z.object({
  loginName: z.string().trim().min(1, '请输入用户名').max(50),
  password: z.string().min(1, '请输入密码').max(128),
});

export const ZSessionInfo = z.object({
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
});

export const ZMe = z.object({
  accountId: z.number().int(),
  loginName: z.string(),
  displayName: z.string(),
  memberId: z.number().int().nullable(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
  roles: z.array(z.object({ role: ZRole, orgId: z.number().int(), orgName: z.string() })),
  /** The server's today (Asia/Shanghai): the web's only "today", so a fixed demo date holds end to end. */
  today: zIsoDate('今天'),
});

export const ZChangePassword = z.object({
  oldPassword: z.string().min(1, '请输入原密码'),
  newPassword: zPassword,
});

export const ZEnableLogin = z.object({
  memberId: z.number().int(),
  loginName: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.@-]{3,50}$/, '登录名为 3–50 位字母、数字或 _ . @ -')
    .optional(),
});

export const ZInitialPassword = z.object({
  accountId: z.number().int(),
  loginName: z.string(),
  initialPassword: z.string(),
});

export const ZGrantCreate = z.object({
  role: z.enum(['admin', 'supervisor', 'secretary'], { message: '角色无效' }),
  orgId: z.number().int(),
  validFrom: zIsoDate('生效日期').optional(),
});

export const ZGrant = z.object({
  id: z.number().int(),
  role: ZRole,
  orgId: z.number().int(),
  orgName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});

export const ZAccountRow = z.object({
  id: z.number().int(),
  loginName: z.string(),
  displayName: z.string(),
  memberId: z.number().int().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  grants: z.array(ZGrant),
});

export const ZAccountListQuery = zPage.extend({ q: z.string().trim().max(50).optional() });
export const ZSetDisabled = z.object({ disabled: z.boolean() });
