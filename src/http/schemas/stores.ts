import { z } from '@hono/zod-openapi';
import { settingsSchema } from '../../services/settings';
import { UI_LOCALES } from '../../domain/enums';
import { isoTime } from './common';

export const StoreSchema = z
  .object({ id: z.string(), name: z.string(), timezone: z.string(), locale: z.enum(UI_LOCALES), settings: settingsSchema, createdAt: isoTime })
  .openapi('Store');
