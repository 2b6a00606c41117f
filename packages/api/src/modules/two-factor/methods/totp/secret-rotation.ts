import type { DataSource } from 'typeorm';
import type { SecretBox } from '../../../../shared/secret-box';
import { TotpSecretEntity } from './totp-secret.entity';

/**
 * Seals every TOTP secret again with the current ENCRYPTION_KEY (after a rotation, while the old
 * key is still listed in ENCRYPTION_KEY_PREVIOUS). Each row is updated only if it still holds the
 * value read, so a user changing 2FA at the same moment is never overwritten. Safe to run twice.
 */
export async function reencryptSecrets(dataSource: DataSource, secrets: SecretBox): Promise<{ resealed: number; current: number }> {
  const repository = dataSource.getRepository(TotpSecretEntity);
  const rows = await repository.find({ select: { enrollmentId: true, secretCiphertext: true } });
  let resealed = 0;
  for (const row of rows) {
    const sealed = row.secretCiphertext;
    if (!secrets.isSealedWithPreviousKey(sealed)) continue;
    const result = await repository.update(
      { enrollmentId: row.enrollmentId, secretCiphertext: sealed },
      { secretCiphertext: secrets.encrypt(secrets.decrypt(sealed)) },
    );
    resealed += result.affected ?? 0;
  }
  return { resealed, current: rows.length - resealed };
}
