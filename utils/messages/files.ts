/** Messages about the files: those kept in the extension (the settings page's list), and how they are written. */
import { z } from 'zod';
import { defineMessage } from './define';
import { FileKindSchema, JobIdSchema, NothingSchema } from './schemas';

export const fileMessages = {
  listKeptFiles: defineMessage({
    schema: NothingSchema,
    from: 'extension',
    handle: (_, { services }) => services.registry.keptFiles(),
  }),
  /** `confirmed`: the merchant was asked, by the file's name, to remove a backup kept for 30 days. */
  removeKeptFile: defineMessage({
    schema: z.object({ jobId: JobIdSchema, kind: FileKindSchema, confirmed: z.boolean() }),
    from: 'extension',
    async handle({ jobId, kind, confirmed }, { services }) {
      await services.registry.removeFile(jobId, kind, confirmed);
      return null;
    },
  }),
  getSpreadsheetCsv: defineMessage({
    schema: NothingSchema,
    from: 'extension',
    handle: (_, { services }) => services.spreadsheetCsv.get(),
  }),
  setSpreadsheetCsv: defineMessage({
    schema: z.object({ on: z.boolean() }),
    from: 'extension',
    handle: ({ on }, { services }) => services.spreadsheetCsv.set(on),
  }),
};
