import { and, eq, inArray } from 'drizzle-orm';
import { customerKey } from '../lib/customer-key';
import { conversations } from './schema';

/**
 * The conversations of these customers in a store, found by the customer index: its key is a hash of the
 * platform's customer id (lib/customer-key.ts) that other ids may share, so the ids and the store are
 * checked on the rows too. Each id binds up to two parameters (D1 binds at most 100 per statement).
 */
export const ofCustomers = (storeId: string, customerIds: string[]) =>
  and(inArray(conversations.customerKey, [...new Set(customerIds.map(customerKey))]), inArray(conversations.customerExternalId, customerIds), eq(conversations.storeId, storeId))!;
