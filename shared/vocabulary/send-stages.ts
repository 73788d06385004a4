// The stages of a sign-in, test send and read-back, in the order they run, and what a progress
// record says about one of them.
export const sendServices = ['smtp', 'imap'] as const

export type SendService = (typeof sendServices)[number]

export const sendStages = [
  'resolve',
  'connect',
  'auth',
  'envelope',
  'reset',
  'data',
  'quit',
  'imap-resolve',
  'imap-connect',
  'imap-search',
  'imap-delete',
  'imap-logout',
] as const

export type SendStage = (typeof sendStages)[number]

export const stageStatuses = ['started', 'done', 'failed'] as const

export type StageStatus = (typeof stageStatuses)[number]

/** One stage started or ended: the engine emits it, the contract carries it, the wizard shows it. */
export interface SendStageProgress {
  service: SendService
  stage: SendStage
  status: StageStatus
  /** Milliseconds the stage took (null while it runs). */
  ms: number | null
  detail: string
}
