import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

/** All times are epoch milliseconds; dates (hire date, sample day) are 'YYYY-MM-DD'. */
export const createdAt = () => integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);
