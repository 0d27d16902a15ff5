/**
 * The contract between the help-path machines and the conversation engine.
 *
 * Machines are pure: they receive events (which carry the time), keep what they learn in
 * `context.facts`, and speak only by emitting {@link Emitted} events. Every side effect is an
 * injected actor whose input and output types are declared here.
 */

export type Locale = 'en' | 'nl';
export const LOCALES: readonly Locale[] = ['en', 'nl'];

/** The two login pages of the seed article. */
export type Portal = 'platform' | 'identity';

/** One id per help path of the catalogue (kebab-case file `flows/<id>.ts` in camelCase here). */
export type FlowId =
  | 'triage'
  | 'whichPortal'
  | 'wrongPortal'
  | 'forgotPassword'
  | 'unverifiedEmail'
  | 'resetMissing'
  | 'setup2fa'
  | 'codeRejected'
  | 'lostPhone'
  | 'sso'
  | 'invitedUser'
  | 'noOrganisations'
  | 'no2faOption'
  | 'escalation';

/** What the conversation has learned so far; carried from one path to the next. */
export interface Facts {
  /** Which login page the user's product uses; 'unsure' when they could not tell. */
  portal?: Portal | 'unsure';
  /** The login address the user gave (validated by the engine before it reaches a machine). */
  email?: string;
  /** Paths and actions already tried, in order, e.g. `forgotPassword`, `action:passwordReset`. */
  tried: string[];
  /** Server time (ms) of the last reset e-mail the assistant sent. */
  resetRequestedAt?: number;
  /** Measured device clock offset in ms (device minus server); positive = device runs fast. */
  clockOffsetMs?: number;
  /** Whether the user says they still have 2FA recovery codes. */
  hasRecoveryCodes?: boolean;
  /** Server time (ms) at which the user proved they own `email` with an e-mailed code. */
  ownershipVerifiedAt?: number;
  /** The user's own short description, collected for escalation. */
  description?: string;
  /** Why the conversation is being escalated (a reason key, see escalation machine). */
  escalationReason?: string;
  /** Readable case reference once escalated. */
  caseRef?: string;
  /** An address the channel knows (Teams profile), offered on e-mail questions, never assumed. */
  emailSuggestion?: string;
}

export const emptyFacts = (): Facts => ({ tried: [] });

/** Fields every event carries; the engine stamps them from its injected clock. */
interface Stamp {
  /** Server time in ms when the event was received. */
  at: number;
  /** The client's own clock in ms at send time, when the channel knows it. */
  clientTime?: number;
}

export interface Intent {
  flow: FlowId | 'other';
  confidence: number;
  /** Likeliest paths, best first (may include `flow`). */
  alternatives: FlowId[];
}

/** Events the engine sends to a machine. dot.case, scoped by subject. */
export type FlowEvent =
  | ({ type: 'user.choice'; choice: string } & Stamp)
  | ({ type: 'user.text'; text: string; intent?: Intent } & Stamp)
  | ({ type: 'user.email'; email: string } & Stamp)
  | ({ type: 'user.code'; code: string } & Stamp)
  | ({ type: 'user.input'; value: string } & Stamp)
  | ({ type: 'clock.measured'; offsetMs: number } & Stamp)
  | ({ type: 'nav.human' } & Stamp)
  | ({ type: 'nav.restart' } & Stamp);

export type ParamValue = string | number;
export type Params = Record<string, ParamValue>;

export interface ChoiceSpec {
  /** Stable id, unique within the question (e.g. `yes`, `platform`, `resend`). */
  id: string;
  /** Catalogue key of the button label. */
  label: string;
  params?: Params;
}

export type InputKind = 'email' | 'code' | 'text';

export interface InputSpec {
  kind: InputKind;
  /** Catalogue key of the field label. */
  label: string;
  /** Optional suggested value (e.g. the e-mail address of a Teams profile). Never assumed. */
  suggestion?: string;
}

/** What a machine says. The engine renders keys through the catalogue for the user's locale. */
export type Emitted =
  | { type: 'say'; key: string; params?: Params }
  | { type: 'ask'; choices: ChoiceSpec[]; input?: InputSpec }
  | { type: 'feedback'; flow: FlowId; solved: boolean }
  | { type: 'note'; key: string; params?: Params };

export type Outcome = 'resolved' | 'escalated' | 'next';

/** What a machine returns when it reaches a final state. */
export interface FlowOutput {
  outcome: Outcome;
  /** With outcome 'next': the path to continue in. */
  next?: FlowId;
  facts: Facts;
}

/** Thresholds from the content configuration that machines branch on. */
export interface FlowSettings {
  /** Minutes after a reset request before a missing mail is escalated (article: 15). */
  resetWaitMinutes: number;
  /** A device clock off by at most this many seconds counts as in sync. */
  clockToleranceSeconds: number;
}

export interface FlowInput {
  facts: Facts;
  settings: FlowSettings;
  /** The path that handed over, if any. */
  from?: FlowId;
  /** For whichPortal: where to continue once the portal is known. */
  then?: FlowId;
  /** For escalation: why (a reason key). */
  reason?: string;
  /** The Teams profile address, offered as a suggestion on e-mail inputs. */
  emailSuggestion?: string;
}

export interface FlowContext {
  facts: Facts;
  settings: FlowSettings;
  /** Where a `toNext` ending continues (chosen by the machine at run time). */
  next?: FlowId;
  from?: FlowId;
  then?: FlowId;
  reason?: string;
  emailSuggestion?: string;
  /** Free counter a machine may use (attempts, resends). */
  count: number;
  /** The last action's result, kept so the next state can word its answer. */
  last?: ActionResult;
}

// ---------------------------------------------------------------------------------------------
// Actions. Each is an injected `fromPromise` actor; the engine provides the real ones.
// Results never reveal whether an address has an account (no enumeration).

export type ActionName =
  | 'sendPasswordReset'
  | 'resendVerification'
  | 'sendAccountLocator'
  | 'sendOwnershipCode'
  | 'checkOwnershipCode'
  | 'createCase';

export interface AddressActionInput {
  email: string;
  portal: Portal;
}

export interface LocatorInput {
  email: string;
}

export interface OwnershipCheckInput {
  email: string;
  code: string;
}

export interface CreateCaseInput {
  facts: Facts;
  reason: string;
  path: FlowId;
}

/**
 * `ok`: the action ran at server time `at` (for address actions this says nothing about the
 *   account; for `checkOwnershipCode` it means the code was right).
 * `limited`: a rate limit stopped it; `retryAfterMinutes` says when to try again.
 * `failed`: a check failed (`wrong`, `expired`, `locked` for ownership codes).
 */
export type ActionResult =
  | { status: 'ok'; at: number; caseRef?: string }
  | { status: 'limited'; retryAfterMinutes: number }
  | { status: 'failed'; reason: 'wrong' | 'expired' | 'locked' | 'none'; attemptsLeft?: number };
