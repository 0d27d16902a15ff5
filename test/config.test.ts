import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, envVariables, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('starts on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.PORT).toBe(3978);
    expect(config.publicUrl).toBe('http://127.0.0.1:3978');
    expect(config.databaseUrl).toMatch(/data\/login-help\.sqlite$/);
    expect(config.content.support.phone).toBe('+31 88 440 6633');
    expect(config.content.resetMailWaitMinutes).toBe(15);
  });

  it('names the bad variable when one is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: must start with smtp/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });

  it('refuses production without SMTP, whose mail would land in the public dev mailbox', () => {
    const production = { NODE_ENV: 'production', MicrosoftAppId: 'app-id' };
    expect(() => loadConfig(production)).toThrow(/SMTP_URL is required when NODE_ENV=production/);
    expect(loadConfig({ ...production, SMTP_URL: 'smtp://mail.example:587' }).SMTP_URL).toBe(
      'smtp://mail.example:587',
    );
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const documented = [...example.matchAll(/^#?([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...envVariables].sort()).toEqual([...new Set(documented)].sort());
  });

  it('takes the support address from the environment, since the article redacts it', () => {
    expect(loadConfig({}).content.support.email).toBeUndefined();
    expect(loadConfig({ SUPPORT_EMAIL: 'help@example.com' }).content.support.email).toBe(
      'help@example.com',
    );
  });
});
