import type { Actor } from '../../../domain/access';
import type { IsoDate } from '../../../domain/calendar';
import { hoursToTenths, tenthsToHours } from '../../../domain/study';
import type { Executor } from '../../db/database';
import { invalid, notFound } from '../../http/errors';
import { attendeesOf } from '../org-life';
import type { Material } from './materials.repository';
import { type Session, studySessionsRepository } from './sessions.repository';
import { studyRepository } from './study.repository';

/** The actor's roster record, for the member's own pages. */
export async function selfOf(db: Executor, actor: Actor) {
  if (actor.memberId === null) throw invalid('此账号没有关联党员档案');
  const info = (await studyRepository.memberInfo(db, [actor.memberId])).get(actor.memberId);
  if (!info) throw notFound('党员档案');
  return { id: actor.memberId, ...info };
}

export const tenthsOf = (hours: number) => {
  const t = hoursToTenths(hours);
  if (t === null) throw invalid('学时最多保留一位小数');
  return t;
};

export function judgeDay(today: IsoDate, year: number): IsoDate {
  const thisYear = Number(today.slice(0, 4));
  return year === thisYear ? today : year < thisYear ? `${year}-12-31` : `${year}-01-01`;
}

/** A linked session's attendance is the meeting's; otherwise its own list. */
export async function attendanceOf(db: Executor, s: Session) {
  if (s.meetingId) {
    const rows = await attendeesOf(db, s.meetingId);
    return rows
      .filter((a) => a.expected || a.attendance === 'present')
      .map((a) => ({ memberId: a.memberId, name: a.memberName, present: a.attendance === 'present' }));
  }
  const rows = await studySessionsRepository.sessionAttendees(db, s.id);
  return rows.map((a) => ({ memberId: a.memberId, name: a.memberName, present: a.present }));
}

export function presentMaterial(m: Material, orgName: string, reads: number) {
  return {
    id: m.id,
    orgId: m.orgId,
    orgName,
    title: m.title,
    kind: m.kind as 'text' | 'link' | 'file',
    body: m.body,
    url: m.kind === 'file' ? `/api/v1/study/materials/${m.id}/file` : m.url,
    fileName: m.fileName,
    fileSize: m.fileSize,
    hours: tenthsToHours(m.tenths),
    createdAt: m.createdAt.toISOString(),
    reads,
  };
}
