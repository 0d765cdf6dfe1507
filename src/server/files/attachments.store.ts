import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, invalid } from '../http/errors';

/**
 * Attachment files, stored once per SHA-256 of their content under <DATA_DIR>/files/ab/abcdef…: the same
 * photo attached twice takes the space once, and a file's name says nothing about its content. The type is
 * judged by the bytes, not by what the browser claims.
 */
export const ATTACHMENT_TYPES = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
  'application/msword': ['.doc'],
  'application/vnd.ms-excel': ['.xls'],
  'application/vnd.ms-powerpoint': ['.ppt'],
} as const;
export type AttachmentMime = keyof typeof ATTACHMENT_TYPES;

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/**
 * The type of a file from its first bytes and, for the container formats (ZIP for Office Open XML, OLE for
 * legacy Office), its extension; null when it is none of the accepted types.
 */
export function sniffType(bytes: Buffer, fileName: string): AttachmentMime | null {
  const ext = path.extname(fileName).toLowerCase();
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    for (const mime of [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ] as const)
      if ((ATTACHMENT_TYPES[mime] as readonly string[]).includes(ext)) return mime;
    return null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    for (const mime of [
      'application/msword',
      'application/vnd.ms-excel',
      'application/vnd.ms-powerpoint',
    ] as const)
      if ((ATTACHMENT_TYPES[mime] as readonly string[]).includes(ext)) return mime;
    return null;
  }
  return null;
}

export const ACCEPTED_DESCRIPTION =
  '图片（JPG、PNG、GIF、WebP）、PDF 或 Office 文件（Word、Excel、PowerPoint）';

export class AttachmentStore {
  constructor(
    private readonly dir: () => string | undefined,
    readonly maxBytes: number,
  ) {}

  private root(): string {
    const dir = this.dir();
    if (!dir) throw new AppError('INTERNAL', '未配置附件存储目录（DATA_DIR）');
    return dir;
  }

  private fileOf(sha256: string): string {
    return path.join(this.root(), sha256.slice(0, 2), sha256);
  }

  /** Checks and stores a file; returns its hash and detected type. Writing is atomic (temp file + rename). */
  async put(
    bytes: Buffer,
    fileName: string,
  ): Promise<{ sha256: string; mimeType: AttachmentMime; size: number }> {
    if (bytes.length === 0) throw invalid('文件为空');
    if (bytes.length > this.maxBytes)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `文件过大：不能超过 ${Math.round(this.maxBytes / 1024 / 1024)} MB`,
      );
    const mimeType = sniffType(bytes, fileName);
    if (!mimeType) throw invalid(`不支持的文件类型：只能上传${ACCEPTED_DESCRIPTION}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = this.fileOf(sha256);
    if (!existsSync(file)) {
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, file);
    }
    return { sha256, mimeType, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      return await readFile(this.fileOf(sha256));
    } catch {
      throw new AppError('NOT_FOUND', '附件文件已丢失，请联系管理员从备份恢复');
    }
  }
}
