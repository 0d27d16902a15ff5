import type {
  ActionName,
  ActionResult,
  AddressActionInput,
  CreateCaseInput,
  Locale,
  LocatorInput,
  OwnershipCheckInput,
} from '../../flows/types.js';
import type { Channel } from '../db/schema.js';
import type { Tx } from '../db/index.js';

/** What an action knows about the turn it runs in. */
export interface ActionContext {
  /**
   * The turn's transaction: an action's rows, its rate-limit counts and its outbox mail commit
   * with the turn or not at all.
   */
  tx: Tx;
  conversationId: string;
  locale: Locale;
  channel: Channel;
  /** Hashed client IP (web) or Teams user id: the key of per-client rate limits. */
  clientKey: string;
  /** Server time of the turn (from the injected clock). */
  now: number;
  /**
   * Runs `work` at the end of the turn, inside the same transaction, after the turn's transcript
   * lines are written (the support mail of a new case carries the whole transcript).
   */
  defer(work: (tx: Tx) => Promise<void>): void;
}

/** What each action takes: the inputs the machines build (flows/types.ts). */
export interface ActionInputs {
  sendPasswordReset: AddressActionInput;
  resendVerification: AddressActionInput;
  sendAccountLocator: LocatorInput;
  sendOwnershipCode: LocatorInput;
  checkOwnershipCode: OwnershipCheckInput;
  createCase: CreateCaseInput;
}

export type ActionImpl<N extends ActionName = ActionName> = (
  input: ActionInputs[N],
  ctx: ActionContext,
) => Promise<ActionResult>;

/** The real actions the engine injects into the machines, by the names flows/common.ts uses. */
export type ActionSet = { [N in ActionName]: ActionImpl<N> };
