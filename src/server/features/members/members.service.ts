import type { Actor } from '../../../domain/access';
import { addMonths, type IsoDate } from '../../../domain/calendar';
import { maskIdCard } from '../../../domain/id-card';
import { checkMemberRecord, MEMBER_FIELD_LABELS, statusFromDates } from '../../../domain/member-record';
import {
  allowedEvents,
  isActive,
  MEMBER_FLOW,
  type MemberEventKind,
  type MemberStatus,
  NO_STATUS,
} from '../../../domain/member-status';
import { isBranch, type OrgType } from '../../../domain/org-rules';
import { transition } from '../../../domain/workflow';
import type { Executor } from '../../db/database';
import type { OrgChanges } from '../../db/org-paths';
import type { AppDeps } from '../../deps';
import { type FieldError, invalid, notFound } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { recordChange } from '../audit';
import { accountOfMember, disableAccountOfMember, endGrantsOfMemberUnder } from '../auth';
import { activeDictionaryLabels } from '../dictionaries';
import { endPostsOfMember, findOrg, type Org } from '../orgs';
import { IdCardCipher } from './id-card.crypto';
import {
  type Member,
  type MemberEvent,
  type MemberFilter,
  type MemberInsert,
  membersRepository,
} from './members.repository';
import type { TMemberCreate, TMemberEventCreate, TMemberListQuery, TMemberUpdate } from './members.schema';

/** Orgs a member record can be attached to: a branch, or a party group inside one. */
export function canHoldMembers(type: OrgType): boolean {
  return isBranch(type) || type === '党小组';
}

/** Letters of transfer are valid for three months (《关于加强和改进流动党员管理工作的意见》/ 组织关系转接规定). */
export const TRANSFER_LETTER_MONTHS = 3;

export function presentMemberRow(m: Member, orgName: string, hasAccount: boolean) {
  return {
    id: m.id,
    orgId: m.orgId,
    orgName,
    name: m.name,
    sex: m.sex,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    education: m.education,
    idCardMasked: m.idCardMasked,
    phone: m.phone,
    joinedOn: m.joinedOn,
    confirmedOn: m.confirmedOn,
    workStartedOn: m.workStartedOn,
    jobTitle: m.jobTitle,
    category: m.category,
    status: m.status as MemberStatus,
    isFlowing: m.isFlowing,
    hasAccount,
  };
}

export class MembersService {
  readonly cipher: IdCardCipher;

  constructor(
    private readonly deps: AppDeps,
    private readonly orgChanges: OrgChanges,
  ) {
    this.cipher = new IdCardCipher(deps.config.secretKey);
  }

  /** What the actor may read: their subtrees, or only their own record. */
  visibility(actor: Actor): { scope: Scope; ownMemberId: number | null } {
    return { scope: Scope.of(actor, 'member.read'), ownMemberId: actor.memberId };
  }

  async filterFor(
    actor: Actor,
    query: Pick<TMemberListQuery, 'orgId' | 'q' | 'status' | 'category'>,
  ): Promise<MemberFilter> {
    const reader = this.visibility(actor);
    const { scope } = reader;
    let orgPath: string | undefined;
    if (query.orgId !== undefined) {
      const org = await findOrg(this.deps.db, query.orgId);
      // Filtering by an org outside the scope is refused like reading it, rather than answered with an empty
      // page that still tells the org exists; orgs above one's own scope (the unit, the branch) may be named.
      const above = [...scope.roots, actor.memberOrgPath].some((p) => p?.startsWith(org?.path ?? '\0'));
      if (!org || !(scope.covers(org.path) || above)) throw notFound('组织');
      orgPath = org.path;
    }
    const q = query.q?.trim();
    const idCardHash = q && /^\d{17}[\dXx]$/.test(q) ? this.cipher.hash(q.toUpperCase()) : undefined;
    return { reader, orgPath, q, idCardHash, status: query.status, category: query.category };
  }

  async list(actor: Actor, query: TMemberListQuery) {
    const filter = await this.filterFor(actor, query);
    const { rows, total, totalCapped } = await membersRepository.page(
      this.deps.db,
      filter,
      { sort: query.sort, order: query.order },
      query.page,
      query.pageSize,
    );
    return {
      rows: rows.map((r) => presentMemberRow(r.member, r.orgName, r.accountId !== null)),
      total,
      totalCapped,
    };
  }

  private async loadReadable(actor: Actor, id: number): Promise<Member> {
    const member = await membersRepository.findById(this.deps.db, id);
    const { scope } = this.visibility(actor);
    if (!member || !(scope.covers(member.orgPath) || actor.memberId === member.id)) throw notFound('党员');
    return member;
  }

  async detail(actor: Actor, id: number) {
    const member = await this.loadReadable(actor, id);
    const [org, events, account] = await Promise.all([
      findOrg(this.deps.db, member.orgId),
      membersRepository.events(this.deps.db, id),
      accountOfMember(this.deps.db, id),
    ]);
    const canEdit = Scope.of(actor, 'member.write').covers(member.orgPath);
    return {
      ...presentMemberRow(member, org?.name ?? '', account !== undefined),
      flowNote: member.flowNote,
      note: member.note,
      events: events.map(({ event: e, orgName }) => ({
        id: e.id,
        kind: e.kind as MemberEventKind,
        effectiveDate: e.effectiveDate,
        status: e.status as MemberStatus,
        orgId: e.orgId,
        orgName,
        letterNo: e.letterNo,
        counterpartOrg: e.counterpartOrg,
        letterValidUntil: e.letterValidUntil,
        note: e.note,
        createdAt: e.createdAt.toISOString(),
      })),
      account: account
        ? {
            id: account.id,
            loginName: account.loginName,
            disabled: account.disabledAt !== null,
            mustChangePassword: account.mustChangePassword,
          }
        : null,
      canEdit,
      canRevealIdCard: this.canReveal(actor, member),
      allowedEvents: canEdit ? allowedEvents(member.status as MemberStatus) : [],
    };
  }

  canReveal(actor: Actor, member: Member): boolean {
    return actor.memberId === member.id || Scope.of(actor, 'member.revealIdCard').covers(member.orgPath);
  }

  /** Showing a full 身份证号 is itself recorded in the audit log. */
  async revealIdCard(actor: Actor, id: number): Promise<string> {
    const member = await this.loadReadable(actor, id);
    if (!this.canReveal(actor, member)) throw notFound('党员');
    const full = this.cipher.decrypt(member.idCardEnc);
    await recordChange(this.deps.db, actor, {
      action: 'security',
      entity: 'member',
      entityId: id,
      summary: `查看 ${member.name} 的完整身份证号`,
      tenantId: member.tenantId,
      orgPath: member.orgPath,
    });
    return full;
  }

  /** Validates a record and returns what to store, or the problems as field errors. */
  async prepare(
    db: Executor,
    input: TMemberCreate,
    org: Org,
    excludeMemberId: number | null,
    kept: Pick<Member, 'ethnicity' | 'education' | 'category' | 'jobTitle'> | null = null,
  ): Promise<{ row: Omit<MemberInsert, 'id'>; errors: FieldError[] }> {
    const active = await activeDictionaryLabels(db);
    // A value the record already holds stays acceptable after its entry is retired: editing the phone number
    // must not force a new 民族 or 职务 on the member.
    const vocabulary = kept
      ? {
          ethnicity: [...active.ethnicity, kept.ethnicity],
          education: kept.education ? [...active.education, kept.education] : active.education,
          category: [...active.category, kept.category],
          jobTitle: kept.jobTitle ? [...active.jobTitle, kept.jobTitle] : active.jobTitle,
        }
      : active;
    const today = this.deps.clock.today();
    const { problems, idCard } = checkMemberRecord(input, vocabulary, today);
    const errors: FieldError[] = problems.map((p) => ({
      path: p.field,
      column: MEMBER_FIELD_LABELS[p.field],
      message: p.message,
    }));
    const normalized = idCard?.normalized ?? input.idCard.trim().toUpperCase();
    const hash = this.cipher.hash(normalized);
    if (idCard) {
      const clash = (await membersRepository.findByIdCardHashes(db, org.tenantId, [hash])).find(
        (m) => m.id !== excludeMemberId,
      );
      if (clash)
        errors.push({ path: 'idCard', column: '身份证号', message: `身份证号与已在册的“${clash.name}”重复` });
    }
    return { errors, row: this.storedRow(org, input, normalized, hash) };
  }

  /** What a checked record stores: the ID card encrypted, with a hash to find it by and a mask to show. */
  storedRow(
    org: Org,
    input: Omit<TMemberCreate, 'orgId'>,
    idCard: string,
    idCardHash: string,
  ): Omit<MemberInsert, 'id'> {
    return {
      tenantId: org.tenantId,
      orgId: org.id,
      orgPath: org.path,
      name: input.name,
      sex: input.sex,
      ethnicity: input.ethnicity,
      birthDate: input.birthDate,
      education: input.education ?? null,
      idCardEnc: this.cipher.encrypt(idCard),
      idCardHash,
      idCardMasked: maskIdCard(idCard),
      phone: input.phone ?? null,
      joinedOn: input.joinedOn,
      confirmedOn: input.confirmedOn ?? null,
      workStartedOn: input.workStartedOn ?? null,
      jobTitle: input.jobTitle ?? null,
      category: input.category,
      status: statusFromDates(input.confirmedOn),
      isFlowing: input.isFlowing ?? false,
      flowNote: input.flowNote ?? null,
      note: input.note ?? null,
    };
  }

  loadTargetOrg(db: Executor, scope: Scope, orgId: number): Promise<Org> {
    return loadReceivingOrg(db, orgId, scope);
  }

  async create(actor: Actor, input: TMemberCreate) {
    const scope = authorize(actor, 'member.write');
    const created = await this.deps.db.transaction(async (tx) => {
      const org = await this.loadTargetOrg(tx, scope, input.orgId);
      const { row, errors } = await this.prepare(tx, input, org, null);
      if (errors.length > 0) throw invalid(errors.map((e) => e.message).join('；'), errors);
      const { arrival } = input;
      if (arrival && arrival.effectiveDate < row.joinedOn)
        throw invalid('转入日期不能早于入党日期', [
          { path: 'arrival.effectiveDate', message: '转入日期不能早于入党日期' },
        ]);
      const [id] = await membersRepository.bulkInsert(tx, [row], actor.accountId, {
        initialHistory: !arrival,
      });
      let member = (await membersRepository.findById(tx, id!))!;
      if (arrival) {
        await recordMemberEvent(
          tx,
          member,
          {
            kind: '转入',
            effectiveDate: arrival.effectiveDate,
            status: row.status as MemberStatus,
            counterpartOrg: arrival.counterpartOrg,
            letterNo: arrival.letterNo ?? null,
          },
          { today: this.deps.clock.today(), createdBy: actor.accountId, scope, orgChanges: this.orgChanges },
        );
        member = (await membersRepository.findById(tx, id!))!;
      }
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'member',
        entityId: member.id,
        summary: arrival
          ? `转入党员 ${member.name}（${org.name}，由${arrival.counterpartOrg}转入）`
          : `新增党员 ${member.name}（${org.name}）`,
        tenantId: member.tenantId,
        orgPath: member.orgPath,
        after: presentMemberRow(member, org.name, false),
      });
      return member;
    });
    return this.detail(actor, created.id);
  }

  async update(actor: Actor, id: number, patch: TMemberUpdate) {
    const scope = authorize(actor, 'member.write');
    await this.deps.db.transaction(async (tx) => {
      const before = await membersRepository.findById(tx, id);
      if (!before) throw notFound('党员');
      scope.assertCovers(before.orgPath, '党员');
      if (!isActive(before.status as MemberStatus))
        throw invalid(`该党员状态为“${before.status}”，档案不能再修改，请用“更正”记录`);
      const org = (await findOrg(tx, before.orgId))!;
      const merged: TMemberCreate = {
        orgId: before.orgId,
        name: patch.name ?? before.name,
        sex: (patch.sex ?? before.sex) as '男' | '女',
        ethnicity: patch.ethnicity ?? before.ethnicity,
        birthDate: patch.birthDate ?? before.birthDate,
        education: patch.education !== undefined ? patch.education : before.education,
        idCard: patch.idCard ?? this.cipher.decrypt(before.idCardEnc),
        phone: patch.phone !== undefined ? patch.phone : before.phone,
        joinedOn: patch.joinedOn ?? before.joinedOn,
        confirmedOn: patch.confirmedOn !== undefined ? patch.confirmedOn : before.confirmedOn,
        workStartedOn: patch.workStartedOn !== undefined ? patch.workStartedOn : before.workStartedOn,
        jobTitle: patch.jobTitle !== undefined ? patch.jobTitle : before.jobTitle,
        category: patch.category ?? before.category,
        isFlowing: patch.isFlowing ?? before.isFlowing,
        flowNote: patch.flowNote !== undefined ? patch.flowNote : before.flowNote,
        note: patch.note !== undefined ? patch.note : before.note,
      };
      const { row, errors } = await this.prepare(tx, merged, org, id, before);
      if (errors.length > 0) throw invalid(errors.map((e) => e.message).join('；'), errors);
      // Status changes go through events; confirming through the form records the 转正 event for history.
      if (before.confirmedOn && !row.confirmedOn)
        throw invalid('正式党员的转正日期不能清空；如需更正党员状态，请登记“更正”');
      const { status: _derived, tenantId: _t, orgId: _o, orgPath: _p, ...editable } = row;
      const after = await membersRepository.update(tx, id, editable);
      // The form corrects a mistyped date of the initial history; later changes are events of their own.
      if (after.joinedOn !== before.joinedOn)
        await membersRepository.correctEventDate(tx, id, '接收预备党员', before.joinedOn, after.joinedOn);
      if (before.confirmedOn && after.confirmedOn && after.confirmedOn !== before.confirmedOn)
        await membersRepository.correctEventDate(tx, id, '转正', before.confirmedOn, after.confirmedOn);
      if (!before.confirmedOn && after.confirmedOn && before.status === '预备党员') {
        await this.applyEvent(tx, actor, after, { kind: '转正', effectiveDate: after.confirmedOn }, scope);
      }
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'member',
        entityId: id,
        summary: `修改党员 ${after.name} 的档案`,
        tenantId: after.tenantId,
        orgPath: after.orgPath,
        before: presentMemberRow(before, org.name, false),
        after: presentMemberRow(after, org.name, false),
      });
    });
    return this.detail(actor, id);
  }

  async addEvent(actor: Actor, id: number, input: TMemberEventCreate) {
    const scope = authorize(actor, 'member.write');
    await this.deps.db.transaction(async (tx) => {
      const member = await membersRepository.findById(tx, id);
      if (!member) throw notFound('党员');
      scope.assertCovers(member.orgPath, '党员');
      await this.applyEvent(tx, actor, member, input, scope);
    });
    return this.detail(actor, id);
  }

  private async applyEvent(
    tx: Executor,
    actor: Actor,
    member: Member,
    input: TMemberEventCreate,
    scope: Scope,
  ) {
    const { event, from, status, org } = await recordMemberEvent(tx, member, input, {
      today: this.deps.clock.today(),
      createdBy: actor.accountId,
      scope,
      orgChanges: this.orgChanges,
    });
    await recordChange(tx, actor, {
      action: 'event',
      entity: 'member',
      entityId: member.id,
      summary: `${member.name}：${input.kind}（${input.effectiveDate}），状态 ${from ?? '无'} → ${status}`,
      tenantId: member.tenantId,
      orgPath: member.orgPath,
      before: { status: from, orgId: member.orgId },
      after: { status, orgId: org.id, eventId: event.id },
    });
  }
}

/** The org a member is placed in: a branch or party group that still exists, inside the scope if one is given. */
export async function loadReceivingOrg(db: Executor, orgId: number, scope: Scope | null): Promise<Org> {
  const org = await findOrg(db, orgId);
  if (!org) throw notFound('组织');
  scope?.assertCovers(org.path, '组织');
  if (org.dissolvedOn) throw invalid(`“${org.name}”已撤销`);
  if (!canHoldMembers(org.type as OrgType)) throw invalid('党员应编入党支部或党小组');
  return org;
}

export interface MemberEventContext {
  today: IsoDate;
  /** The account recording the event; null for history the system writes itself (the demo data). */
  createdBy: number | null;
  /** Where a receiving org may lie; null only for system-written history, which has no actor to limit. */
  scope: Scope | null;
  /** Leaving a branch ends posts there, which changes the facts of that branch. */
  orgChanges: OrgChanges;
}

/**
 * Records a status or org change by the rules every writer shares — the secretary's form and generated
 * histories alike — so the roster row stays equal to the latest event. Which event may follow which status,
 * and when (the 预备期), is the member flow's (MEMBER_FLOW); each event row is the record of its transition.
 * Leaving a branch (transfer, exit) ends, on the effective date, the posts the member held there and the
 * access their account had to it. A record without any history yet (a member arriving by 转入) starts from
 * no status.
 */
export async function recordMemberEvent(
  tx: Executor,
  member: Member,
  input: TMemberEventCreate,
  context: MemberEventContext,
): Promise<{ event: MemberEvent; from: MemberStatus | null; status: MemberStatus; org: Org }> {
  const history = await membersRepository.events(tx, member.id);
  const current = history.length === 0 ? null : (member.status as MemberStatus);
  const facts = { joinedOn: member.joinedOn, extended: history.some((h) => h.event.kind === '延长预备期') };
  const step = transition(MEMBER_FLOW, current ?? NO_STATUS, input.kind, facts, input.effectiveDate, {
    to: input.status,
  });
  // An event the status does not admit at all is refused first; the flow's date rules and the choice of
  // status only once the dates and orgs of the request are known to be sound.
  if (!step.ok && step.code === 'NOT_ALLOWED') throw invalid(step.reason);
  if (input.effectiveDate > context.today) throw invalid('生效日期不能晚于今天');
  const last = history.at(-1)?.event;
  if (last && input.effectiveDate < last.effectiveDate && input.kind !== '更正')
    throw invalid(`生效日期不能早于上一次变动（${last.effectiveDate}）`);

  let org = (await findOrg(tx, member.orgId))!;
  let letterValidUntil = input.letterValidUntil ?? null;
  if (input.kind === '支部间调动') {
    if (input.toOrgId === undefined) throw invalid('请选择调入的支部');
    const target = await loadReceivingOrg(tx, input.toOrgId, context.scope);
    if (target.id === member.orgId) throw invalid('调入支部与当前支部相同');
    org = target;
  }
  // A member transferred out may come back into any branch in scope.
  if (input.kind === '转入' && input.toOrgId !== undefined)
    org = await loadReceivingOrg(tx, input.toOrgId, context.scope);
  if (!step.ok) throw invalid(step.reason);
  // The flow leads out of NO_STATUS only, never into it, so the state reached is a member status.
  const status = step.to as MemberStatus;
  if (input.kind === '转出') {
    if (!input.counterpartOrg) throw invalid('请填写转往的党组织');
    const maxValid = addMonths(input.effectiveDate, TRANSFER_LETTER_MONTHS);
    letterValidUntil = letterValidUntil ?? maxValid;
    if (letterValidUntil > maxValid || letterValidUntil < input.effectiveDate)
      throw invalid(`介绍信有效期应在开具之日起 ${TRANSFER_LETTER_MONTHS} 个月内（至 ${maxValid}）`);
  }
  if (input.kind === '转正' && current === '预备党员') {
    await membersRepository.update(tx, member.id, { confirmedOn: input.effectiveDate });
  }
  const event = await membersRepository.insertEvent(tx, {
    tenantId: member.tenantId,
    memberId: member.id,
    kind: step.record.action,
    effectiveDate: step.record.on,
    status,
    orgId: org.id,
    orgPath: org.path,
    letterNo: input.letterNo ?? null,
    counterpartOrg: input.counterpartOrg ?? null,
    letterValidUntil,
    note: input.note ?? null,
    createdBy: context.createdBy,
  });
  const wasActive = current !== null && isActive(current);
  const leftBranch = org.id !== member.orgId || (wasActive && !isActive(status));
  if (leftBranch) {
    const oldBranchPath = await branchPathOf(tx, member.orgPath);
    // Leaving the party roll (转出, 出党…) leaves the branch as much as a move elsewhere does.
    if (!isActive(status) || !org.path.startsWith(oldBranchPath)) {
      const committees = await endPostsOfMember(tx, member.id, oldBranchPath, input.effectiveDate);
      await context.orgChanges.orgFactsChanged(tx, member.tenantId, committees);
      await endGrantsOfMemberUnder(tx, member.id, oldBranchPath, input.effectiveDate);
    }
    if (!isActive(status)) await disableAccountOfMember(tx, member.id, new Date());
  }
  await membersRepository.update(tx, member.id, { status, orgId: org.id, orgPath: org.path });
  return { event, from: current, status, org };
}

/** The branch a path belongs to: the path itself, or its parent for a 党小组. */
async function branchPathOf(db: Executor, path: string): Promise<string> {
  const ids = path.split('/').filter(Boolean).map(Number);
  const org = await findOrg(db, ids.at(-1)!);
  if (org?.type === '党小组') return path.slice(0, path.lastIndexOf('/', path.length - 2) + 1);
  return path;
}
