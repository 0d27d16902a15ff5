import { describe, expect, it } from 'vitest';
import { phrasings } from '../../flows/phrasings/index.js';
import { fold, Normaliser, words } from '../../src/understanding/normalise.js';

const normaliser = new Normaliser(
  Object.values(phrasings).flatMap((p) => Object.values(p).flat().flatMap(words)),
);
/** Terms as a sorted bag: the classifier ignores word order. */
const terms = (text: string) => normaliser.terms(text).sort();

describe('understanding: normalisation', () => {
  it('folds case, accents, punctuation and glued negations', () => {
    expect(fold("Doesn't WORK — e-mail géén idee?!")).toBe('does not work e mail geen idee');
    expect(fold('cant login, dont know')).toBe('can not login do not know');
    expect(fold("Verifiëren m'n adres")).toBe('verifieren mijn adres');
  });

  it('maps English, Dutch and shorthand words for one thing onto one term', () => {
    expect(terms('forgot my password')).toEqual(terms('wachtwoord vergeten'));
    expect(terms('ww vergeten')).toEqual(['forgot', 'password']);
    expect(terms('telefoon kwijt')).toEqual(terms('phone lost'));
    expect(terms('two-factor')).toEqual(['2fa']);
    expect(terms('tweestapsverificatie')).toEqual(['2fa']);
  });

  it('drops stop words, greetings and politeness in both languages', () => {
    expect(terms('Hi, thanks a lot!')).toEqual([]);
    expect(terms('hallo, ik heb een vraagje over mijn ... bedankt')).toEqual(['request']);
    expect(terms('Hi, I forgot my password please')).toEqual(['forgot', 'password']);
  });

  it('splits run-together words and Dutch compounds', () => {
    expect(terms('wachtwoordvergeten')).toEqual(['forgot', 'password']);
    expect(terms('resetmail')).toEqual(['email', 'reset']);
    expect(terms('e-mailadres')).toEqual(['address', 'email']);
    expect(terms('uitnodigingsmail')).toEqual(['email', 'invite']);
    expect(terms('inlogpagina')).toEqual(['login', 'portal']);
  });

  it('corrects typos within one letter, two in long words, including swapped letters', () => {
    expect(terms('pasword')).toEqual(['password']);
    expect(terms('passwrod')).toEqual(['password']);
    expect(terms('wachtwoort vergeetn')).toEqual(['forgot', 'password']);
    expect(terms('authenticater')).toEqual(['authenticator']);
    expect(terms('tweestapsverficatie')).toEqual(['2fa']);
    expect(terms('organsaties')).toEqual(['organisation']);
    expect(terms('telefon kwjt')).toEqual(['lost', 'phone']);
  });

  it('leaves ordinary words alone instead of "correcting" them into another meaning', () => {
    expect(terms('last week')).toEqual(['last']);
    expect(terms('i checked')).toEqual(['checked']);
    expect(terms('het regent')).toEqual(['regent']);
    // a typo almost never hits the first letter: these are words, not a missing "n"
    expect(terms('iets ooit ergens')).toEqual([]);
    expect(terms('what it means')).toEqual(['means']);
    expect(terms('resetting')).toEqual(['reset']);
  });

  it('knows the product names, however they are written, and that each is a product', () => {
    expect(terms('Peppol Service Bus')).toEqual(['product', 'psb']);
    expect(terms('PSB')).toEqual(['product', 'psb']);
    expect(terms('peppol')).toEqual(['product', 'psb']);
    expect(terms('identity.econnect.eu')).toEqual(['identity', 'product']);
    expect(terms('platform.econnect.eu')).toEqual(['platform', 'product']);
    expect(terms('Control')).toEqual(['control', 'product']);
    expect(terms('e-Herkenning')).toEqual(['eherkenning']);
    expect(terms('eHerkenning')).toEqual(['eherkenning']);
  });

  it('reads a quoted error text like the same words unquoted', () => {
    expect(terms('it says "Email address has no account."')).toEqual(
      terms('email address has no account'),
    );
    expect(terms("'Invalid username or password'")).toEqual(['password', 'reject', 'username']);
  });
});
