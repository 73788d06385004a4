// The export choices as a zod enum, for any boundary a choice crosses (kept apart from choices.ts
// so that the window's renderer, which imports the table, does not bundle zod).
import { z } from 'zod'
import { exportChoices } from './choices'

export const exportChoiceSchema = z.enum(exportChoices, { error: `the export must be one of ${exportChoices.join(', ')}` })
