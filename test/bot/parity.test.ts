import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient } from '../support/chat.js';
import { startServer, type StartedServer } from '../support/server.js';
import { recipient, startSmtp, type TestSmtp } from '../support/smtp.js';
import { startConnector, type FakeConnector } from './support/connector.js';
import { ServerDb } from './support/db.js';
import { TeamsUser } from './support/teams.js';

/**
 * The same help paths through both channels: the chat API (as the widget uses it) on one server
 * and /api/messages (as Teams uses it) on another, each with its own real SMTP server. Every
 * step must offer the same answers, and each walk must end the same way with the same mails.
 */

interface Side {
  name: string;
  server: StartedServer;
  smtp: TestSmtp;
  db: ServerDb;
}

let web: Side;
let teams: Side;
let connector: FakeConnector;

async function side(name: string): Promise<Side> {
  const smtp = await startSmtp();
  const server = await startServer({ SMTP_URL: smtp.url });
  return { name, server, smtp, db: new ServerDb(server.dataDir) };
}

beforeAll(async () => {
  connector = await startConnector();
  [web, teams] = await Promise.all([side('web'), side('teams')]);
});
afterAll(async () => {
  for (const s of [web, teams]) {
    s?.db.close();
    await s?.server.stop();
    await s?.smtp.close();
  }
  await connector?.close();
});

/** What a person can do at one step, as both channels show it. */
interface View {
  choices: string[];
  input?: 'email' | 'code' | 'text';
}

interface Driver {
  start(): Promise<View>;
  choose(id: string): Promise<View>;
  value(value: string): Promise<View>;
  conversationId(): string;
}

function webDriver(s: Side): Driver {
  const chat = new ChatClient(s.server.url);
  const view = (): View => ({ choices: chat.choices, input: chat.last.prompt?.input?.kind });
  return {
    start: async () => (await chat.start({ locale: 'en' }), view()),
    choose: async (id) => (await chat.choose(id), view()),
    value: async (v) => (await chat.value(v), view()),
    conversationId: () => chat.id,
  };
}

function teamsDriver(s: Side): Driver {
  const user = new TeamsUser({ base: s.server.url, serviceUrl: connector.url, locale: 'en-US' });
  const view = (): View => {
    const input = user.input;
    const kind = !input
      ? undefined
      : input.style === 'Email'
        ? 'email'
        : input.regex
          ? 'code'
          : 'text';
    return { choices: user.choices, input: kind };
  };
  return {
    start: async () => (await user.say('hi'), view()),
    choose: async (id) => (await user.press(id), view()),
    value: async (v) => (await user.answer(v), view()),
    conversationId: () => s.db.engineConversation(user.conversationId)!.id,
  };
}

interface Scenario {
  title: string;
  path: string;
  /** Preferred answers, taken whenever offered; otherwise the first button. */
  prefer: string[];
  email: string;
  text?: string;
}

type Step = { choice: string } | { value: string };

const newestCode = (smtp: TestSmtp, to: string): string => {
  const mail = [...smtp.mails]
    .reverse()
    .find((m) => recipient(m) === to && /\b\d{6}\b/.test(m.text ?? ''));
  return /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1] ?? '000000';
};

async function settled(s: Side): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (s.db.count('outbox', "status in ('pending', 'sending')") === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${s.name}: mail still pending`);
}

/** Walks one scenario on one side; the steps taken come back so the other side can replay them. */
async function walk(
  s: Side,
  driver: Driver,
  scenario: Scenario,
  replay?: Step[],
): Promise<{ steps: Step[]; views: View[] }> {
  const steps: Step[] = [];
  const views: View[] = [await driver.start()];
  let view = await driver.choose(scenario.path);
  steps.push({ choice: scenario.path });
  views.push(view);
  for (let i = 0; i < 12; i++) {
    let step: Step | undefined = replay?.[steps.length];
    if (!replay) {
      if (view.input) {
        await settled(s);
        const value =
          view.input === 'email'
            ? scenario.email
            : view.input === 'code'
              ? newestCode(s.smtp, scenario.email)
              : (scenario.text ?? 'I cannot log in');
        step = { value };
      } else if (view.choices.length > 0) {
        step = {
          choice: scenario.prefer.find((p) => view.choices.includes(p)) ?? view.choices[0]!,
        };
      }
    } else if (step && 'value' in step && view.input === 'code') {
      await settled(s);
      step = { value: newestCode(s.smtp, scenario.email) };
    }
    if (!step) break;
    view = 'choice' in step ? await driver.choose(step.choice) : await driver.value(step.value);
    steps.push(step);
    views.push(view);
  }
  await settled(s);
  return { steps, views };
}

function outcome(s: Side, conversationId: string) {
  const conversation = s.db.all<{ status: string; case_ref: string | null }>(
    'select status, case_ref from conversations where id = ?',
    conversationId,
  )[0]!;
  return {
    status: conversation.status,
    caseCreated: s.db.count('cases', 'conversation_id = ?', conversationId) > 0,
  };
}

const CASE_REF = /LH-[0-9A-Z]{4}-[0-9A-Z]{4}/g;
const mailsOf = (s: Side, since: number): string[] =>
  s.smtp.mails
    .slice(since)
    .map((m: ParsedMail) => `${recipient(m)} | ${(m.subject ?? '').replace(CASE_REF, 'LH-CASE')}`)
    .sort();

const scenarios: Scenario[] = [
  {
    title: 'a forgotten password, reset by e-mail and solved',
    path: 'forgotPassword',
    prefer: ['platform', 'reset', 'yes'],
    email: 'anna@demo.econnect.test',
  },
  {
    title: 'an unverified address on the identity server',
    path: 'forgotPassword',
    prefer: ['identity', 'reset', 'noMail', 'resend', 'yes'],
    email: 'ivo@demo.econnect.test',
  },
  {
    title: 'the wrong login page, with the locator e-mail',
    path: 'wrongPortal',
    prefer: ['platform', 'locate', 'yes'],
    email: 'bob@demo.econnect.test',
  },
  {
    title: 'something else, escalated to a person',
    path: 'other',
    prefer: [],
    email: 'noor@demo.econnect.test',
    text: 'I see no invoices since yesterday',
  },
  {
    title: 'a lost phone without recovery codes',
    path: 'lostPhone',
    prefer: ['none', 'yes'],
    email: 'tom@demo.econnect.test',
    text: 'My phone was stolen',
  },
  {
    title: 'a missing 2FA setting',
    path: 'no2faOption',
    prefer: ['no'],
    email: 'sara@demo.econnect.test',
    text: 'The setting is not there',
  },
  { title: 'single sign-on', path: 'sso', prefer: ['yes'], email: 'sara@demo.econnect.test' },
];

describe('parity between the chat API and Teams', () => {
  for (const scenario of scenarios) {
    it(`ends ${scenario.title} the same way in both channels`, async () => {
      const webMails = web.smtp.mails.length;
      const teamsMails = teams.smtp.mails.length;

      const webSide = webDriver(web);
      const onWeb = await walk(web, webSide, scenario);
      const teamsSide = teamsDriver(teams);
      const onTeams = await walk(teams, teamsSide, scenario, onWeb.steps);

      expect(onTeams.steps.map((s) => ('choice' in s ? s.choice : 'value'))).toEqual(
        onWeb.steps.map((s) => ('choice' in s ? s.choice : 'value')),
      );
      expect(onTeams.views).toEqual(onWeb.views);
      expect(outcome(teams, teamsSide.conversationId())).toEqual(
        outcome(web, webSide.conversationId()),
      );
      expect(mailsOf(teams, teamsMails)).toEqual(mailsOf(web, webMails));
    });
  }

  it('creates a case and mails support from Teams when asked for a person', async () => {
    const scenario = scenarios.find((s) => s.path === 'other')!;
    const teamsSide = teamsDriver(teams);
    const before = teams.smtp.mails.length;
    await walk(teams, teamsSide, { ...scenario, email: 'parity-person@example.test' });
    expect(outcome(teams, teamsSide.conversationId())).toEqual({
      status: 'escalated',
      caseCreated: true,
    });
    expect(mailsOf(teams, before).some((m) => m.startsWith('support@login-help.localhost'))).toBe(
      true,
    );
  });
});

describe('every help path in Teams', () => {
  const topLevel = [
    'wrongPortal',
    'forgotPassword',
    'resetMissing',
    'setup2fa',
    'codeRejected',
    'lostPhone',
    'sso',
    'invitedUser',
    'noOrganisations',
    'no2faOption',
    'other',
  ];

  it('offers every top-level path of the chat API on the first card', async () => {
    const user = new TeamsUser({ base: teams.server.url, serviceUrl: connector.url });
    await user.say('hi');
    const chat = new ChatClient(web.server.url);
    await chat.start({ locale: 'en' });
    expect(user.choices).toEqual(chat.choices);
    expect(user.choices).toEqual(topLevel);
  });

  for (const path of topLevel) {
    it(`reaches the first question of ${path} as the chat API does`, async () => {
      const webSide = webDriver(web);
      const teamsSide = teamsDriver(teams);
      await webSide.start();
      await teamsSide.start();
      const onWeb = await webSide.choose(path);
      const onTeams = await teamsSide.choose(path);
      expect(onTeams).toEqual(onWeb);
      expect(onTeams.choices.length > 0 || onTeams.input !== undefined).toBe(true);
    });
  }
});
