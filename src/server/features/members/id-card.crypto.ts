import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * 身份证号 at rest: AES-256-GCM ciphertext (random IV) for reading back, and a keyed HMAC for uniqueness
 * and exact-match search. Both keys are derived from the installation's secret key.
 */
export class IdCardCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(secretKey: Buffer) {
    this.encKey = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'zhibu id-card enc', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'zhibu id-card mac', 32));
  }

  encrypt(normalized: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(normalized, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(stored: string): string {
    const raw = Buffer.from(stored, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  hash(normalized: string): string {
    return createHmac('sha256', this.macKey).update(normalized).digest('base64url');
  }
}
