import { describe, expect, it } from 'vitest';
import { lostPhoneMachine } from '../../flows/lost-phone.js';
import type { ActionResult } from '../../flows/types.js';
import { MINUTE, T0, rendersEverythingItSaid, start, type WalkOptions } from './harness.js';

const email = 'sanne@example.com';
const code = '123456';
const verifiedAt = T0 + 4 * MINUTE;
const codeSent = { sendOwnershipCode: (): ActionResult => ({ status: 'ok', at: T0 }) };

/** A check that answers each attempt from `results`, in order. */
const checks = (...results: ActionResult[]) => ({
  ...codeSent,
  checkOwnershipCode: (): ActionResult => results.shift()!,
});

/** Walks to the code question: no codes, no old phone, address given. */
async function atCodeQuestion(actions: WalkOptions['actions']) {
  const chat = await start(lostPhoneMachine, { actions });
  await chat.choose('none');
  await chat.choose('send');
  await chat.send({ type: 'user.email', email });
  return chat;
}

describe('lostPhone', () => {
  it('walks a user with recovery codes through logging in and re-linking', async () => {
    const chat = await start(lostPhoneMachine);
    await chat.choose('codes');

    expect(chat.says()).toContain('lost.withCodes');
    expect(chat.facts.hasRecoveryCodes).toBe(true);
    await chat.choose('yes');
    expect(chat.output?.outcome).toBe('resolved');
  });

  it('moves the authenticator while the old phone still works, else offers the support reset', async () => {
    const chat = await start(lostPhoneMachine);
    await chat.choose('oldPhone');
    expect(chat.says()).toContain('lost.moveApp');

    await chat.choose('no');
    expect(chat.says().at(-1)).toBe('lost.noCodes');
    expect(chat.choiceIds()).toEqual(['send']);
  });

  it('verifies ownership with the e-mailed code, then escalates for a 2FA reset', async () => {
    const chat = await atCodeQuestion(checks({ status: 'ok', at: verifiedAt }));
    expect(chat.calls.sendOwnershipCode).toEqual([{ email }]);
    expect(chat.said('lost.codeSent')?.params).toEqual({ email });
    expect(chat.lastAsk().input?.kind).toBe('code');

    await chat.send({ type: 'user.code', code });
    expect(chat.calls.checkOwnershipCode).toEqual([{ email, code }]);
    expect(chat.says().at(-1)).toBe('lost.verified');
    expect(chat.output).toMatchObject({
      outcome: 'next',
      next: 'escalation',
      facts: {
        ownershipVerifiedAt: verifiedAt,
        escalationReason: '2fa_reset',
        hasRecoveryCodes: false,
      },
    });
  });

  it('keeps the code out of everything it stores', async () => {
    const chat = await atCodeQuestion(
      checks({ status: 'failed', reason: 'wrong', attemptsLeft: 4 }),
    );
    await chat.send({ type: 'user.code', code });

    expect(JSON.stringify(chat.actor.getPersistedSnapshot())).not.toContain(code);
  });

  it('counts down wrong codes and ends in the locked path on the fifth', async () => {
    const chat = await atCodeQuestion(
      checks(
        { status: 'failed', reason: 'wrong', attemptsLeft: 4 },
        { status: 'failed', reason: 'wrong', attemptsLeft: 3 },
        { status: 'failed', reason: 'wrong', attemptsLeft: 2 },
        { status: 'failed', reason: 'wrong', attemptsLeft: 1 },
        { status: 'failed', reason: 'locked' },
      ),
    );
    for (let i = 0; i < 4; i++) {
      await chat.send({ type: 'user.code', code: '000000' });
      expect(chat.value).toBe('awaitCode');
    }
    const left = chat.emitted.flatMap((e) =>
      e.type === 'say' && e.key === 'lost.codeWrong' ? [e.params] : [],
    );
    expect(left).toEqual([
      { attemptsLeft: 4 },
      { attemptsLeft: 3 },
      { attemptsLeft: 2 },
      { attemptsLeft: 1 },
    ]);

    await chat.send({ type: 'user.code', code: '000000' });
    expect(chat.value).toBe('locked');
    expect(chat.says().at(-1)).toBe('lost.codeLocked');
    expect(chat.choiceIds()).toEqual(['newCode']);

    await chat.choose('newCode');
    expect(chat.calls.sendOwnershipCode).toHaveLength(2);
    expect(chat.value).toBe('awaitCode');
  });

  it('offers a new code when the code expired', async () => {
    const chat = await atCodeQuestion(
      checks({ status: 'failed', reason: 'expired' }, { status: 'ok', at: verifiedAt }),
    );
    await chat.send({ type: 'user.code', code });
    expect(chat.says().at(-1)).toBe('lost.codeExpired');

    await chat.choose('newCode');
    await chat.send({ type: 'user.code', code });
    expect(chat.output?.next).toBe('escalation');
  });

  it('says so kindly when sending the code is rate limited', async () => {
    const chat = await atCodeQuestion({
      sendOwnershipCode: () => ({ status: 'limited', retryAfterMinutes: 15 }),
    });

    expect(chat.said('common.limited')?.params).toEqual({ minutes: 15 });
    expect(chat.says()).not.toContain('lost.codeSent');
  });

  it('asks for the code again when the check itself failed', async () => {
    const chat = await atCodeQuestion({
      ...codeSent,
      checkOwnershipCode: () => {
        throw new Error('database away');
      },
    });
    await chat.send({ type: 'user.code', code });

    expect(chat.says().at(-1)).toBe('lost.checkFailed');
    expect(chat.value).toBe('awaitCode');
  });

  rendersEverythingItSaid();
});
