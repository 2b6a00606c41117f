/**
 * Each method's state moves from columns of two_factor_enrollments into a table of the method's
 * own (the TOTP secret and last step; the address or number codes go to), keyed by enrollment.
 * The same SQL runs on SQLite and PostgreSQL. The old columns are dropped by the next migration.
 */
export const MOVE_METHOD_STATE_UP = [
  // Rows left by an undo (which copies back but keeps the tables) are overwritten with the columns' values.
  `INSERT INTO "totp_secrets" ("enrollment_id", "secret_ciphertext", "last_step")
     SELECT "id", "secret_ciphertext", "last_totp_step" FROM "two_factor_enrollments" WHERE "secret_ciphertext" IS NOT NULL
     ON CONFLICT ("enrollment_id") DO UPDATE SET "secret_ciphertext" = excluded."secret_ciphertext", "last_step" = excluded."last_step"`,
  `INSERT INTO "code_destinations" ("enrollment_id", "destination")
     SELECT "id", "destination" FROM "two_factor_enrollments" WHERE "destination" IS NOT NULL
     ON CONFLICT ("enrollment_id") DO UPDATE SET "destination" = excluded."destination"`,
];

/**
 * Copies the state back into the columns. The tables keep their rows: undoing the migration
 * before this one drops them (and on SQLite, undoing the one after leaves their references
 * pointing at a table being rebuilt, where a DELETE would fail).
 */
export const MOVE_METHOD_STATE_DOWN = [
  `UPDATE "two_factor_enrollments" SET
     "secret_ciphertext" = (SELECT "secret_ciphertext" FROM "totp_secrets" WHERE "enrollment_id" = "two_factor_enrollments"."id"),
     "last_totp_step" = (SELECT "last_step" FROM "totp_secrets" WHERE "enrollment_id" = "two_factor_enrollments"."id"),
     "destination" = (SELECT "destination" FROM "code_destinations" WHERE "enrollment_id" = "two_factor_enrollments"."id")`,
];
