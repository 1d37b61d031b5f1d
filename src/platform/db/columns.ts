import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { dialectOf } from './database.js';

/** An auto-numbered integer primary key on both dialects (rowid on SQLite, identity on PostgreSQL). */
export function autoId(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return dialectOf(db) === 'postgres' ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey().autoIncrement();
}
