import type { Actor } from '../../../domain/access';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { notFound } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { recordChange } from '../audit';
import { type Meeting, meetingsRepository } from './meetings.repository';
import type { MeetingsService } from './meetings.service';
import { loadWritable, lockedError, presentAttachment } from './meetings.shared';

/**
 * Files kept with a sitting's record: stored by content in the service's AttachmentStore, added and removed
 * while the record is open, served only to those who may read the sitting.
 */
export class MeetingAttachments {
  constructor(
    private readonly deps: AppDeps,
    private readonly meetings: MeetingsService,
  ) {}

  /** Who may read a meeting: its org's readers, and the members on its list. */
  private async loadReadable(actor: Actor, id: number): Promise<{ meeting: Meeting; full: boolean }> {
    const meeting = await meetingsRepository.findById(this.deps.db, id);
    if (!meeting) throw notFound('会议');
    if (Scope.of(actor, 'meeting.read').covers(meeting.orgPath)) return { meeting, full: true };
    if (actor.memberId !== null && (await meetingsRepository.attendee(this.deps.db, id, actor.memberId)))
      return { meeting, full: false };
    throw notFound('会议');
  }

  async addAttachment(actor: Actor, meetingId: number, fileName: string, bytes: Buffer) {
    const scope = authorize(actor, 'meeting.write');
    const name = fileName.trim().slice(-120) || '附件';
    const assertOpen = async (db: Executor) => {
      const meeting = await loadWritable(db, scope, meetingId);
      const settings = await this.meetings.settingsOf(db, meeting.tenantId);
      if (this.meetings.phaseOf(meeting, settings) === 'locked') throw lockedError(settings);
      return meeting;
    };
    // Checked before the file touches the disk (nobody outside scope stores bytes), and again inside the
    // transaction that records it.
    await assertOpen(this.deps.db);
    const stored = await this.meetings.attachments.put(bytes, name);
    const row = await this.deps.db.transaction(async (tx) => {
      const meeting = await assertOpen(tx);
      const created = await meetingsRepository.insertAttachment(tx, {
        tenantId: meeting.tenantId,
        meetingId,
        orgPath: meeting.orgPath,
        sha256: stored.sha256,
        fileName: name,
        mimeType: stored.mimeType,
        size: stored.size,
        uploadedBy: actor.accountId,
      });
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'meeting_attachment',
        entityId: created.id,
        summary: `会议“${meeting.title}”上传附件 ${name}`,
        tenantId: meeting.tenantId,
        orgPath: meeting.orgPath,
        after: created,
      });
      return created;
    });
    return presentAttachment(row);
  }

  /** A file is served only to someone who may read its meeting. */
  async download(actor: Actor, attachmentId: number) {
    const row = await meetingsRepository.findAttachment(this.deps.db, attachmentId);
    if (!row) throw notFound('附件');
    await this.loadReadable(actor, row.meetingId).catch(() => {
      throw notFound('附件');
    });
    return {
      fileName: row.fileName,
      mimeType: row.mimeType,
      body: await this.meetings.attachments.get(row.sha256),
    };
  }

  async deleteAttachment(actor: Actor, attachmentId: number): Promise<void> {
    const scope = authorize(actor, 'meeting.write');
    await this.deps.db.transaction(async (tx) => {
      const row = await meetingsRepository.findAttachment(tx, attachmentId);
      if (!row) throw notFound('附件');
      const meeting = await loadWritable(tx, scope, row.meetingId);
      const settings = await this.meetings.settingsOf(tx, meeting.tenantId);
      if (this.meetings.phaseOf(meeting, settings) === 'locked') throw lockedError(settings);
      await meetingsRepository.deleteAttachment(tx, attachmentId);
      await recordChange(tx, actor, {
        action: 'delete',
        entity: 'meeting_attachment',
        entityId: attachmentId,
        summary: `会议“${meeting.title}”删除附件 ${row.fileName}`,
        tenantId: meeting.tenantId,
        orgPath: meeting.orgPath,
        before: row,
      });
    });
  }
}
