import type { FlowId } from '../types.js';

/** Where a phrasing leads: a help path, or `other` for messages that are no login problem. */
export type PhrasingTarget = Exclude<FlowId, 'triage'> | 'other';

/**
 * Example phrasings for one language, per target. Every path is listed, so a new path cannot
 * be added to the catalogue without examples in both languages (the compiler says which).
 */
export type Phrasings = Readonly<Record<PhrasingTarget, readonly string[]>>;
