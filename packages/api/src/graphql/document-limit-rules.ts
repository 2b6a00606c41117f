import type { ValidationRule } from 'graphql';
import { aliasLimitRule } from './alias-limit.rule';
import { costLimitRule } from './cost-limit.rule';
import { depthLimitRule } from './depth-limit.rule';
import { rootFieldLimitRule } from './root-field-limit.rule';

/** The validation rules Apollo adds to graphql-js's own; each refusal carries its `reason`. */
export const documentLimitRules: ValidationRule[] = [depthLimitRule, aliasLimitRule, rootFieldLimitRule, costLimitRule];
