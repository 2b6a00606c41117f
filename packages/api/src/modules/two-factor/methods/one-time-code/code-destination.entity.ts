import { Column, Entity } from 'typeorm';
import { EnrollmentStateRow } from '../../entities/enrollment-state-row';

/** Where an e-mail or SMS enrollment's codes go: the address, or the number in E.164. */
@Entity({ name: 'code_destinations' })
export class CodeDestinationEntity extends EnrollmentStateRow {
  @Column({ type: 'varchar', length: 320 })
  destination: string;
}
