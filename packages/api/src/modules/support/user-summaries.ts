import { In, type DataSource } from 'typeorm';
import type { UserEntity } from '../auth/entities/user.entity';
import { EnrollmentState, TwoFactorEnrollmentEntity } from '../two-factor/entities/two-factor-enrollment.entity';
import { UserSummary } from './dto/user-summary.type';

/** What staff see of accounts: each with its active 2FA method, read in one query for them all. */
export async function userSummaries(dataSource: DataSource, users: UserEntity[]): Promise<UserSummary[]> {
  if (users.length === 0) return [];
  const active = await dataSource.getRepository(TwoFactorEnrollmentEntity).findBy({
    userId: In(users.map((u) => u.id)),
    state: EnrollmentState.ACTIVE,
  });
  const methodOf = new Map(active.map((e) => [e.userId, e.method]));
  return users.map((u) =>
    Object.assign(new UserSummary(), {
      id: u.id,
      email: u.email,
      role: u.role,
      createdAt: u.createdAt,
      twoFactorMethod: methodOf.get(u.id) ?? null,
    }),
  );
}
