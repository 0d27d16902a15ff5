import {
  ask,
  because,
  choice,
  endings,
  finalOutput,
  flow,
  initialContext,
  learn,
  navigation,
  say,
  sayWith,
  solvedChoices,
  tried,
} from './common.js';
import { emailSteps, failedState, limitedState, question, solvedNo, solvedYes } from './steps.js';
import type { ChoiceSpec } from './types.js';

const newCode: ChoiceSpec = { id: 'newCode', label: 'lost.choice.newCode' };

const hasCodes = (hasRecoveryCodes: boolean) => learn(() => ({ hasRecoveryCodes }));

const solvedQuestion = [say('common.solved.ask'), ask(solvedChoices)];

/** Whichever way it failed, what is left is the reset by support. */
const orSupportReset = {
  'user.choice': [solvedYes('lostPhone'), solvedNo('lostPhone', 'noCodes')],
};

/**
 * New phone, lost phone, authenticator gone. With a recovery code or the old phone the user can
 * re-link 2FA alone. Without, support must reset it; the user first proves they own the login
 * address with a one-time code e-mailed to it, the only code this assistant ever asks for.
 */
export const lostPhoneMachine = flow.createMachine({
  id: 'lostPhone',
  context: initialContext,
  initial: 'start',
  output: finalOutput,
  on: navigation,
  states: {
    start: question(
      [tried('lostPhone'), say('lost.intro')],
      [
        { id: 'codes', label: 'lost.choice.codes', target: 'withCodes', actions: hasCodes(true) },
        {
          id: 'oldPhone',
          label: 'lost.choice.oldPhone',
          target: 'moveApp',
          actions: hasCodes(false),
        },
        { id: 'none', label: 'lost.choice.none', target: 'noCodes', actions: hasCodes(false) },
      ],
    ),
    withCodes: {
      entry: [say('lost.withCodes'), ...solvedQuestion],
      on: orSupportReset,
    },
    moveApp: {
      entry: [say('lost.moveApp'), ...solvedQuestion],
      on: orSupportReset,
    },
    noCodes: {
      entry: [say('lost.noCodes'), ask([{ id: 'send', label: 'lost.choice.sendCode' }])],
      on: { 'user.choice': { guard: choice('send'), target: 'email' } },
    },
    ...emailSteps('lost.askEmail', 'sendingCode'),
    sendingCode: {
      invoke: {
        src: 'sendOwnershipCode',
        input: ({ context }) => ({ email: context.facts.email! }),
        onDone: { target: 'afterSendCode', actions: 'keepResult' },
        onError: 'failed',
      },
    },
    afterSendCode: {
      always: [
        { guard: 'lastOk', target: 'codeSent', actions: tried('action:ownershipCode') },
        { guard: 'lastLimited', target: 'limited' },
        { target: 'failed' },
      ],
    },
    codeSent: {
      entry: say('lost.codeSent', ({ context }) => ({ email: context.facts.email ?? '' })),
      always: 'awaitCode',
    },
    awaitCode: {
      entry: ask([newCode], { kind: 'code', label: 'lost.input.code' }),
      on: {
        'user.code': 'checking',
        'user.choice': { guard: choice('newCode'), target: 'sendingCode' },
      },
    },
    checking: {
      invoke: {
        src: 'checkOwnershipCode',
        // The code goes straight to the check; it is never kept in the context or the facts.
        input: ({ context, event }) => ({
          email: context.facts.email!,
          code: event.type === 'user.code' ? event.code : '',
        }),
        onDone: { target: 'afterCheck', actions: 'keepResult' },
        onError: 'checkFailed',
      },
    },
    afterCheck: {
      always: [
        {
          guard: 'lastOk',
          target: 'verified',
          actions: [
            learn(({ context }) => ({
              ownershipVerifiedAt: context.last?.status === 'ok' ? context.last.at : undefined,
            })),
            tried('action:ownershipVerified'),
            because('2fa_reset'),
          ],
        },
        {
          guard: { type: 'lastFailed', params: { reason: 'wrong' as const } },
          target: 'wrongCode',
        },
        { guard: { type: 'lastFailed', params: { reason: 'locked' as const } }, target: 'locked' },
        { guard: 'lastLimited', target: 'limited' },
        // Expired, or no code waiting any more: either way a new one is the way on.
        { target: 'expired' },
      ],
    },
    verified: {
      entry: say('lost.verified'),
      always: 'toHuman',
    },
    wrongCode: {
      entry: sayWith(({ context }) =>
        context.last?.status === 'failed' && context.last.attemptsLeft !== undefined
          ? { key: 'lost.codeWrong', params: { attemptsLeft: context.last.attemptsLeft } }
          : { key: 'lost.codeWrong.again' },
      ),
      always: 'awaitCode',
    },
    expired: {
      entry: [say('lost.codeExpired'), ask([newCode])],
      on: { 'user.choice': { guard: choice('newCode'), target: 'sendingCode' } },
    },
    locked: {
      entry: [say('lost.codeLocked'), ask([newCode])],
      on: { 'user.choice': { guard: choice('newCode'), target: 'sendingCode' } },
    },
    checkFailed: {
      entry: say('lost.checkFailed'),
      always: 'awaitCode',
    },
    limited: limitedState,
    failed: failedState('sendingCode'),
    ...endings,
  },
});
