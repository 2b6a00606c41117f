import type { DataSource } from 'typeorm';
import type { SecretBox } from '../../shared/secret-box';
import { WebhookEntity } from './entities/webhook.entity';

/**
 * Seals every webhook's signing secret again with the current ENCRYPTION_KEY, as the TOTP secrets
 * are after a rotation. A row is updated only if it still holds the value read. Safe to run twice.
 */
export async function reencryptWebhookSecrets(dataSource: DataSource, secrets: SecretBox): Promise<{ resealed: number; current: number }> {
  const repository = dataSource.getRepository(WebhookEntity);
  const rows = await repository.find({ select: { id: true, secretCiphertext: true } });
  let resealed = 0;
  for (const row of rows) {
    const sealed = row.secretCiphertext;
    if (!secrets.isSealedWithPreviousKey(sealed)) continue;
    const result = await repository.update(
      { id: row.id, secretCiphertext: sealed },
      { secretCiphertext: secrets.encrypt(secrets.decrypt(sealed)) },
    );
    resealed += result.affected ?? 0;
  }
  return { resealed, current: rows.length - resealed };
}
