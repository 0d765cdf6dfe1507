import type { Attendance, MeetingPhase, MeetingStatus } from '../../../domain/meeting-record';
import type { MeetingType } from '../../../domain/org-life-rules';
import type { Executor } from '../../db/database';
import { AppError, notFound } from '../../http/errors';
import type { Scope } from '../../scope';
import {
  type AttachmentRow,
  type Attendee,
  type Meeting,
  type MeetingListRow,
  meetingsRepository,
} from './meetings.repository';
import type { TMeetingRow, TMeetingSnapshot } from './meetings.schema';
import type { OrgLifeSettings } from './rollups.repository';

/**
 * What the meeting services share: how a sitting is shown (list row, snapshot for the audit log and
 * amendments, attendance counts, attachment), the sitting a scope may write, and the answer a locked
 * record gives.
 */

export function snapshotOf(m: Meeting, attendees: readonly Attendee[]): TMeetingSnapshot {
  return {
    types: m.types as MeetingType[],
    title: m.title,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    place: m.place,
    hostName: m.hostName,
    recorderName: m.recorderName,
    lecturerName: m.lecturerName,
    topic: m.topic,
    guests: m.guests,
    agenda: m.agenda,
    minutes: m.minutes,
    resolutions: m.resolutions,
    votes: m.votes,
    attendees: attendees.map((a) => ({
      memberId: a.memberId,
      name: a.memberName,
      expected: a.expected,
      attendance: a.attendance as Attendance,
      absenceReason: a.absenceReason,
    })),
  };
}

export function presentRow(r: MeetingListRow, phase: MeetingPhase): TMeetingRow {
  const m = r.meeting;
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: r.orgName,
    types: m.types as MeetingType[],
    title: m.title,
    status: m.status as MeetingStatus,
    phase,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    place: m.place,
    hostName: m.hostName,
    topic: m.topic,
    expected: r.expected,
    present: r.present,
    absent: r.absent,
    attachments: r.attachments,
    amendmentCount: m.amendmentCount,
  };
}

export function countsOf(attendees: readonly Attendee[]) {
  const expected = attendees.filter((a) => a.expected);
  return {
    expected: expected.length,
    present: attendees.filter((a) => a.attendance === 'present').length,
    absent: expected.filter((a) => a.attendance === 'absent').length,
    unknown: expected.filter((a) => a.attendance === 'unknown').length,
    entitledToVote: expected.filter((a) => a.memberStatus === '正式党员').length,
    votersPresent: expected.filter((a) => a.memberStatus === '正式党员' && a.attendance === 'present').length,
  };
}

export function presentAttachment(f: AttachmentRow) {
  return {
    id: f.id,
    fileName: f.fileName,
    mimeType: f.mimeType,
    size: f.size,
    sha256: f.sha256,
    uploadedAt: f.uploadedAt.toISOString(),
    url: `/api/v1/meeting-attachments/${f.id}/download`,
  };
}

/** A sitting the scope may write; one outside it is reported as not found. */
export async function loadWritable(db: Executor, scope: Scope, id: number): Promise<Meeting> {
  const meeting = await meetingsRepository.findById(db, id);
  if (!meeting) throw notFound('会议');
  scope.assertCovers(meeting.orgPath, '会议');
  return meeting;
}

export function lockedError(settings: OrgLifeSettings) {
  return new AppError(
    'LOCKED',
    `会议记录已归档（登记后 ${settings.lockAfterDays} 天自动锁定），不能直接修改或删除；如需更正，请提交更正说明，原记录将一并保留`,
  );
}
