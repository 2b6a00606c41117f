/** Writes docs/errors.md from the error catalogue (committed; a test checks it is current). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderErrorsDoc } from '../src/errors/errors-doc';

export const ERRORS_DOC = path.join(__dirname, '../../../docs/errors.md');

writeFileSync(ERRORS_DOC, renderErrorsDoc());
console.log(`wrote ${path.relative(process.cwd(), ERRORS_DOC)}`);
