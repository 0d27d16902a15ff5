import type { FlowId, Locale } from '../../flows/types.js';
import { fold } from '../engine/match.js';
import type { Classification, Classifier } from './types.js';

/**
 * A first classifier: weighted cue words per path in English and Dutch. It is deliberately
 * simple; the free-text issue replaces it with a search index over example phrasings.
 */
const CUES: Array<[FlowId, RegExp, number]> = [
  ['wrongPortal', /\b(has no account|no account|does not exist|doesn t exist|bestaat niet|geen account|account niet gevonden|not found)\b/, 0.9],
  ['forgotPassword', /\b(forgot|forgotten|vergeten|reset( my)? password|invalid username|onjuist wachtwoord|ongeldige gebruikersnaam|wrong password|wachtwoord klopt niet)\b/, 0.85],
  ['forgotPassword', /\b(password|wachtwoord)\b/, 0.55],
  ['resetMissing', /\b(no (e ?mail|mail)|didn t (get|receive)|not received|never (came|arrived)|geen (e ?mail|mail)|niet ontvangen|komt niet|niets ontvangen)\b/, 0.85],
  ['codeRejected', /\b(code(s)? (is |are |keeps? |constantly )?(rejected|invalid|wrong|not accepted|not working)|rejected|klopt niet|wordt niet geaccepteerd|ongeldige code|code werkt niet)\b/, 0.85],
  ['lostPhone', /\b(new phone|lost (my )?phone|phone (lost|stolen|broken)|authenticator (gone|deleted|lost)|nieuwe telefoon|telefoon (kwijt|gestolen|kapot)|andere telefoon)\b/, 0.9],
  ['setup2fa', /\b((enable|set ?up|turn on|activate|instellen|aanzetten|inschakelen) (2fa|two factor|tweestaps)|(2fa|two factor|tweestapsverificatie) (instellen|aanzetten|inschakelen|enable|set ?up))\b/, 0.85],
  ['no2faOption', /\b(no 2fa (option|setting)|can t find (the )?2fa|cannot find (the )?2fa|see no 2fa|geen 2fa (optie|instelling)|2fa (optie|instelling) (niet|nergens))\b/, 0.85],
  ['sso', /\b(sso|single sign on|log ?in with (microsoft|google)|inloggen met (microsoft|google)|identity provider)\b/, 0.8],
  ['invitedUser', /\b(invite|invited|invitation|uitnodig\w*|accountant|boekhouder|eherkenning)\b/, 0.75],
  ['noOrganisations', /\b(no organi[sz]ations?|see no (organi[sz]ations?|invoices)|geen organisaties?|zie geen (organisaties?|facturen))\b/, 0.9],
  ['whichPortal', /\b(which (login|log in) page|welke inlogpagina|psb|peppol service bus|control)\b/, 0.6],
  ['escalation', /\b(human|person|agent|call me|medewerker|iemand spreken|bellen)\b/, 0.8],
];

const NL_WORDS = /\b(ik|je|mijn|niet|geen|wachtwoord|vergeten|inloggen|kan|het|een|werkt|telefoon|nieuwe|zie)\b/g;
const EN_WORDS = /\b(i|my|not|no|password|forgot|login|log|can|the|a|works?|phone|new|see)\b/g;

export class KeywordClassifier implements Classifier {
  classify(text: string): Classification {
    const folded = fold(text);
    const scores = new Map<FlowId, number>();
    for (const [flow, re, weight] of CUES) {
      if (re.test(folded)) scores.set(flow, Math.max(scores.get(flow) ?? 0, weight));
    }
    const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
    const [best] = ranked;
    const nl = folded.match(NL_WORDS)?.length ?? 0;
    const en = folded.match(EN_WORDS)?.length ?? 0;
    const locale: Locale | undefined = nl > en ? 'nl' : en > nl ? 'en' : undefined;
    return {
      intent: {
        flow: best ? best[0] : 'other',
        confidence: best ? best[1] : 0,
        alternatives: ranked.slice(0, 3).map(([f]) => f),
      },
      locale,
    };
  }
}
