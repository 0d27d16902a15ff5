import { describe, expect, it } from 'vitest';
import { PhrasingClassifier } from '../../src/understanding/phrasing-classifier.js';

const classifier = new PhrasingClassifier();
const localeOf = (text: string) => classifier.classify(text).locale;

describe('understanding: language of a message', () => {
  it.each([
    'I forgot my password',
    'it keeps saying invalid username or password',
    'my phone was stolen, what now',
    'where do I log in for the PSB',
    'cant find the 2fa setting anywhere',
    'hi there',
  ])('reads "%s" as English', (text) => {
    expect(localeOf(text)).toBe('en');
  });

  it.each([
    'ik ben mijn wachtwoord vergeten',
    'de code klopt niet',
    'mijn telefoon is gestolen, wat nu',
    'waar moet ik inloggen voor de PSB',
    'ik kan de 2fa instelling nergens vinden',
    'wachtwoordvergeten',
    'hallo',
  ])('reads "%s" as Dutch', (text) => {
    expect(localeOf(text)).toBe('nl');
  });

  it.each([
    ['mijn password werkt niet meer', 'nl'],
    ['ik heb een new phone en de authenticator is weg', 'nl'],
    ['email address has no account zegt hij steeds', 'nl'],
    ['I get the melding that my wachtwoord is wrong', 'en'],
    ['the code from my authenticator is not accepted, klopt niet', 'en'],
  ] as const)('gives the mixed message "%s" to the majority language (%s)', (text, locale) => {
    expect(localeOf(text)).toBe(locale);
  });

  it.each(['ok', '2FA', 'PSB?', 'Peppol Service Bus', 'i forgot mijn wachtwoord', ''])(
    'leaves the language open when "%s" does not tell',
    (text) => {
      expect(localeOf(text)).toBeUndefined();
    },
  );
});
