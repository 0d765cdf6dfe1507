import type { Actor } from '../../../domain/access';
import type { IsoDate } from '../../../domain/calendar';
import {
  attendeesAreCommittee,
  defaultTitle,
  type MeetingStatus,
  needsLecturer,
  typesProblem,
  type Vote,
} from '../../../domain/meeting-record';
import type { MeetingType } from '../../../domain/org-life-rules';
import type { OrgType } from '../../../domain/org-rules';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { conflict, invalid } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { deliverToInbox, type InboxItemInput } from '../inbox';
import { findOrg, type Org } from '../orgs';
import { attendeeRows, expectedAttendees } from './meetings.attendance';
import { type Meeting, meetingsRepository } from './meetings.repository';
import type { TAmendmentCreate, TMeetingCreate, TMeetingUpdate } from './meetings.schema';
import type { MeetingsService } from './meetings.service';
import { loadWritable, lockedError, snapshotOf } from './meetings.shared';
import { keysAround } from './rollups';
import { rollupsRepository } from './rollups.repository';

type RecordPatch = Omit<TMeetingUpdate, 'attendance' | 'status'>;

/**
 * A sitting's record: planning it (with a notice to those expected), recording it as held, editing it while
 * open, amending it once locked (the record before and after both kept), and deleting it. Every write
 * recomputes the org's rollups in its own transaction.
 */
export class MeetingRecords {
  constructor(
    private readonly deps: AppDeps,
    private readonly meetings: MeetingsService,
  ) {}

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  private checkRecord(
    org: Org,
    fields: { types: MeetingType[]; date: IsoDate; status: string },
    merged: RecordPatch,
  ) {
    const problem = typesProblem(org.type as OrgType, fields.types);
    if (problem) throw invalid(problem);
    if (org.establishedOn && fields.date < org.establishedOn)
      throw invalid(`会议日期早于本组织成立日期（${org.establishedOn}）`);
    if (org.dissolvedOn && fields.date >= org.dissolvedOn)
      throw invalid(`本组织已于 ${org.dissolvedOn} 撤销，不能登记此后的会议`);
    if (fields.status === 'held') {
      if (fields.date > this.today) throw invalid('会议日期晚于今天，尚未召开的会议请保存为计划');
      if (needsLecturer(fields.types) && (!merged.lecturerName || !merged.topic))
        throw invalid('党课须填写授课人和党课主题');
    }
  }

  /** Recomputes the rollups a sitting of these types on these dates can move (same transaction). */
  private async refreshRollups(
    db: Executor,
    meeting: Meeting,
    types: readonly MeetingType[],
    dates: IsoDate[],
  ) {
    const settings = await this.meetings.settingsOf(db, meeting.tenantId);
    const { keys, from, to } = keysAround(dates);
    await rollupsRepository.refresh(
      db,
      meeting.tenantId,
      [meeting.orgId],
      { from, to, types, keys },
      settings,
    );
  }

  private async notifyPlanned(
    db: Executor,
    meeting: Meeting,
    attendees: readonly { memberId: number; expected: boolean }[],
    changed: boolean,
  ) {
    if (meeting.status !== 'planned' || meeting.date < this.today) return;
    const accounts = await meetingsRepository.accountsOfMembers(
      db,
      attendees.filter((a) => a.expected).map((a) => a.memberId),
    );
    const items: InboxItemInput[] = [...accounts.values()].map((accountId) => ({
      tenantId: meeting.tenantId,
      recipientAccountId: accountId,
      kind: 'meeting.planned',
      title: `${changed ? '会议时间变更' : '会议通知'}：${meeting.title}`,
      body: `${meeting.date} ${meeting.startTime}—${meeting.endTime}${meeting.place ? `，地点：${meeting.place}` : ''}${meeting.topic ? `，主题：${meeting.topic}` : ''}。会议开始前 30 分钟起可在“我的会议”中签到。`,
      link: `/my/meetings/${meeting.id}`,
      dueOn: meeting.date,
      dedupeKey: `meeting.planned:${meeting.id}:${meeting.date}T${meeting.startTime}:${accountId}`,
    }));
    await deliverToInbox(db, items);
  }

  async create(actor: Actor, input: TMeetingCreate) {
    const scope = authorize(actor, 'meeting.write');
    const id = await this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      this.checkRecord(org, input, input);
      await rollupsRepository.lockOrgs(tx, [org.id]);
      const held = input.status === 'held';
      const meeting = await meetingsRepository.insert(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        types: input.types,
        title: input.title || defaultTitle(input.types, input.date),
        status: input.status,
        date: input.date,
        startTime: input.startTime,
        endTime: input.endTime,
        place: input.place ?? '',
        ...recordValues(input),
        recordedAt: held ? this.deps.clock.now() : null,
        recordedOn: held ? this.today : null,
        createdBy: actor.accountId,
      });
      const expected = await expectedAttendees(tx, org, input.date, input.types);
      const rows = await attendeeRows(tx, meeting, expected, [], input.attendance);
      await meetingsRepository.replaceAttendees(tx, meeting.id, rows);
      if (held) await this.refreshRollups(tx, meeting, input.types, [input.date]);
      await this.notifyPlanned(tx, meeting, rows, false);
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'meeting',
        entityId: meeting.id,
        summary: `${held ? '登记' : '计划'}会议“${meeting.title}”（${org.name}，${meeting.date}）`,
        tenantId: meeting.tenantId,
        orgPath: meeting.orgPath,
        after: snapshotOf(meeting, rows),
      });
      return meeting.id;
    });
    return this.meetings.detail(actor, id);
  }

  /** Applies a change to a record (edit or amendment); returns before and after. */
  private async change(tx: Executor, meeting: Meeting, patch: TMeetingUpdate) {
    const org = (await findOrg(tx, meeting.orgId))!;
    const types = (patch.types ?? meeting.types) as MeetingType[];
    const date = patch.date ?? meeting.date;
    const status = patch.status ?? (meeting.status as MeetingStatus);
    if (meeting.status === 'held' && status === 'planned') throw invalid('已召开的会议不能改回计划');
    const merged: RecordPatch = { ...recordPatchOf(meeting), ...stripUndefined(patch) };
    this.checkRecord(org, { types, date, status }, merged);
    const startTime = patch.startTime ?? meeting.startTime;
    const endTime = patch.endTime ?? meeting.endTime;
    if (endTime <= startTime) throw invalid('结束时间应晚于开始时间');
    await rollupsRepository.lockOrgs(tx, [meeting.orgId]);
    const previous = await meetingsRepository.attendees(tx, meeting.id);
    const becomesHeld = meeting.status === 'planned' && status === 'held';
    const { attendance: _a, status: _s, ...fields } = patch;
    const after = await meetingsRepository.update(tx, meeting.id, {
      ...recordValues(fields),
      ...(fields.types ? { types } : {}),
      ...(fields.title !== undefined ? { title: fields.title || defaultTitle(types, date) } : {}),
      ...(fields.date ? { date } : {}),
      ...(fields.startTime ? { startTime } : {}),
      ...(fields.endTime ? { endTime } : {}),
      ...(fields.place !== undefined ? { place: fields.place } : {}),
      status,
      ...(becomesHeld ? { recordedAt: this.deps.clock.now(), recordedOn: this.today } : {}),
    });
    // Recording a planned sitting takes the roster as it stands on the day: people may have joined or left
    // between planning and holding it.
    const expectedChanged =
      becomesHeld ||
      date !== meeting.date ||
      attendeesAreCommittee(types) !== attendeesAreCommittee(meeting.types as MeetingType[]);
    const expected = expectedChanged
      ? await expectedAttendees(tx, org, date, types)
      : previous
          .filter((a) => a.expected)
          .map((a) => ({ memberId: a.memberId, name: a.memberName, status: a.memberStatus }));
    const rows = await attendeeRows(tx, after, expected, previous, patch.attendance);
    await meetingsRepository.replaceAttendees(tx, meeting.id, rows);
    if (meeting.status === 'held' || status === 'held')
      await this.refreshRollups(
        tx,
        after,
        [...new Set([...(meeting.types as MeetingType[]), ...types])],
        [meeting.date, date],
      );
    const rescheduled = date !== meeting.date || startTime !== meeting.startTime;
    await this.notifyPlanned(tx, after, rows, rescheduled);
    return { before: snapshotOf(meeting, previous), after: snapshotOf(after, rows), meeting: after };
  }

  async update(actor: Actor, id: number, patch: TMeetingUpdate) {
    const scope = authorize(actor, 'meeting.write');
    await this.deps.db.transaction(async (tx) => {
      const meeting = await loadWritable(tx, scope, id);
      const settings = await this.meetings.settingsOf(tx, meeting.tenantId);
      if (this.meetings.phaseOf(meeting, settings) === 'locked') throw lockedError(settings);
      const { before, after, meeting: changed } = await this.change(tx, meeting, patch);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'meeting',
        entityId: id,
        summary:
          meeting.status === 'planned' && changed.status === 'held'
            ? `登记会议“${changed.title}”已召开（${changed.date}）`
            : `修改会议“${changed.title}”`,
        tenantId: meeting.tenantId,
        orgPath: meeting.orgPath,
        before,
        after,
      });
    });
    return this.meetings.detail(actor, id);
  }

  /** A locked record changes only by an amendment: the record before and after are both kept. */
  async amend(actor: Actor, id: number, input: TAmendmentCreate) {
    const scope = authorize(actor, 'meeting.write');
    await this.deps.db.transaction(async (tx) => {
      const meeting = await loadWritable(tx, scope, id);
      const settings = await this.meetings.settingsOf(tx, meeting.tenantId);
      if (this.meetings.phaseOf(meeting, settings) !== 'locked')
        throw conflict('记录尚未归档，可直接修改；归档（锁定）后的记录才需要提交更正');
      const { before, after } = await this.change(tx, meeting, input.changes);
      await meetingsRepository.insertAmendment(tx, {
        tenantId: meeting.tenantId,
        meetingId: id,
        orgPath: meeting.orgPath,
        reason: input.reason,
        before,
        after,
        amendedBy: actor.accountId,
        amendedByName: actor.displayName,
      });
      await meetingsRepository.update(tx, id, { amendmentCount: meeting.amendmentCount + 1 });
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'meeting',
        entityId: id,
        summary: `更正已归档的会议记录“${meeting.title}”：${input.reason}`,
        tenantId: meeting.tenantId,
        orgPath: meeting.orgPath,
        before,
        after,
      });
    });
    return this.meetings.detail(actor, id);
  }

  async delete(actor: Actor, id: number): Promise<void> {
    const scope = authorize(actor, 'meeting.write');
    await this.deps.db.transaction(async (tx) => {
      const meeting = await loadWritable(tx, scope, id);
      const settings = await this.meetings.settingsOf(tx, meeting.tenantId);
      if (this.meetings.phaseOf(meeting, settings) === 'locked') throw lockedError(settings);
      await rollupsRepository.lockOrgs(tx, [meeting.orgId]);
      const attendees = await meetingsRepository.attendees(tx, id);
      await meetingsRepository.delete(tx, id);
      if (meeting.status === 'held')
        await this.refreshRollups(tx, meeting, meeting.types as MeetingType[], [meeting.date]);
      await recordChange(tx, actor, {
        action: 'delete',
        entity: 'meeting',
        entityId: id,
        summary: `删除会议“${meeting.title}”（${meeting.date}）`,
        tenantId: meeting.tenantId,
        orgPath: meeting.orgPath,
        before: snapshotOf(meeting, attendees),
      });
    });
  }
}

/** The optional record fields of an input, as columns (undefined: unchanged). */
function recordValues(input: RecordPatch) {
  const v: Partial<Meeting> = {};
  if (input.hostName !== undefined) v.hostName = input.hostName;
  if (input.hostMemberId !== undefined) v.hostMemberId = input.hostMemberId;
  if (input.recorderName !== undefined) v.recorderName = input.recorderName;
  if (input.recorderMemberId !== undefined) v.recorderMemberId = input.recorderMemberId;
  if (input.lecturerName !== undefined) v.lecturerName = input.lecturerName;
  if (input.lecturerMemberId !== undefined) v.lecturerMemberId = input.lecturerMemberId;
  if (input.topic !== undefined) v.topic = input.topic;
  if (input.guests !== undefined) v.guests = input.guests;
  if (input.agenda !== undefined) v.agenda = input.agenda;
  if (input.minutes !== undefined) v.minutes = input.minutes;
  if (input.resolutions !== undefined) v.resolutions = input.resolutions;
  if (input.votes !== undefined) v.votes = input.votes as Vote[];
  return v;
}

function recordPatchOf(m: Meeting): RecordPatch {
  return {
    hostName: m.hostName,
    recorderName: m.recorderName,
    lecturerName: m.lecturerName,
    topic: m.topic,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
