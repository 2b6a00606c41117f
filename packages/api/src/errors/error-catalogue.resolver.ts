import { Field, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { ERROR_CATALOGUE, ERROR_CODES, ERROR_REASONS, ErrorCode, ErrorReason, staticMessageOf } from './error-catalogue';

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description:
    'The `extensions.code` of every error: what a client decides by. The list `errorCatalogue` says which reasons each code has.',
  valuesConfig: Object.fromEntries(
    Object.values(ErrorCode).map((code) => [code, { description: `${ERROR_CODES[code].when}. ${ERROR_CODES[code].clientDoes}.` }]),
  ),
});

registerEnumType(ErrorReason, {
  name: 'ErrorReason',
  description:
    'The `extensions.reason` of every error: its cause, finer than the code. New reasons may appear inside a code: treat an unknown one by its code.',
  valuesConfig: Object.fromEntries(ERROR_REASONS.map((reason) => [reason, { description: ERROR_CATALOGUE[reason].description }])),
});

@ObjectType({ description: 'One error the API can answer, as the catalogue of errors lists it.' })
export class CataloguedError {
  @Field(() => ErrorReason, { description: 'Its `extensions.reason`.' })
  reason: ErrorReason;

  @Field(() => ErrorCode, { description: 'Its `extensions.code`.' })
  code: ErrorCode;

  @Field(() => String, {
    nullable: true,
    description: 'The English message people read; null when the words depend on each error (the numbers in them are in `extensions`).',
  })
  message: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For input problems: the argument or input field it names in `extensions.field`, if always the same.',
  })
  field: string | null;

  @Field(() => String, { description: 'When it happens and what a client does about it.' })
  description: string;
}

@Resolver()
export class ErrorCatalogueResolver {
  @Query(() => [CataloguedError], {
    description:
      'Every error the API can answer: its reason, code and message. Open to everyone, so clients and their tests can check the words they show.',
  })
  errorCatalogue(): CataloguedError[] {
    return ERROR_REASONS.map((reason) => {
      const entry = ERROR_CATALOGUE[reason];
      return Object.assign(new CataloguedError(), {
        reason,
        code: entry.code,
        message: staticMessageOf(reason),
        field: 'field' in entry ? entry.field : null,
        description: entry.description,
      });
    });
  }
}
