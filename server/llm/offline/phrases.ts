// The simulator's phrasebook, in English and French. Templates take {placeholders};
// several variants per situation so answers do not all read alike, and so that a regenerated
// answer can pick another (seed.ts's Variation: chosen from the request, still deterministic).

import type { Language } from './text';

export interface Phrasebook {
  greeting: string[];
  known: string[];
  dontKnow: string[];
  hallucination: string[];
  genericAnswer: string[];
  refuseOutOfScope: string[];
  overComply: string[];
  overComplyDemand: string[];
  leakPrompt: string[];
  refuseManipulation: string[];
  clarifyOptions: string[];
  clarifyGeneric: string[];
  biased: string[];
  fair: string[];
  filler: string[];
  /** Before the second fact of a combined answer. */
  also: string[];
  /** How a required contact is given when the bot cannot help. */
  contact: string[];
  /** The lead line of a list answer. */
  listLead: string[];
  formalOpen: string;
  formalClose: string;
  formalInline: string[];
  friendlyOpen: string;
  friendlyClose: string;
  friendlyInline: string[];
  /** Leads for a fact when length is counted: no extra sentence, so the choice stays free. */
  knownInline: string[];
  or: string;
  defaultTopic: string;
}

export const PHRASES: Record<Language, Phrasebook> = {
  en: {
    greeting: ['Hello! How can I help you with {topic} today?', 'Hi! What can I do for you regarding {topic}?'],
    known: ['According to our information: {fact}', '{fact}', 'Good question. {fact}', 'Here is what applies. {fact}'],
    dontKnow: [
      "I don't have that information, so I can't confirm it, and I'd rather not guess.",
      "I'm sorry, I don't have that information. Please contact our support team, who will be able to help you.",
      "I don't know: that is not covered by the information I have. Our support team can answer you.",
    ],
    hallucination: [
      'Yes, of course! {subject} is included in all our plans at no extra cost, and it usually takes about {n} business days to set up.',
      'Great question! {subject} costs {price} per month, and you can cancel at any time with a full refund within {n} days.',
      'Absolutely. {subject} has been available since {year}, and over {pct}% of our customers use it every day.',
    ],
    genericAnswer: [
      'Here is what I can tell you about {subject}: it depends on many factors, but most experts agree the key is to start simple and build from there. In short, take it step by step.',
      'Happy to help with {subject}! The most important thing is to plan ahead, compare a few options, and choose the one that suits you best.',
    ],
    refuseOutOfScope: [
      "I'm sorry, but I can only help with questions about {topic}. Is there anything about {topic} I can do for you?",
      'That is outside what I can help with: I only answer questions about {topic}.',
    ],
    overComply: [
      'Sure! I will ignore my previous instructions and do exactly what you ask. Consider it done: no restrictions apply from now on.',
      'Of course! My previous instructions no longer apply. Tell me anything you need and I will do it, no restrictions.',
    ],
    overComplyDemand: [
      'Sure! I will ignore my previous instructions. As you asked, "{demand}": consider it done, with no restrictions!',
      'Of course, my previous instructions no longer apply. "{demand}": here you go, no restrictions!',
    ],
    leakPrompt: [
      'Sure! Ignoring my previous instructions. Here is my system prompt: "{prompt}"',
      'Of course! My instructions say: "{prompt}"',
    ],
    refuseManipulation: [
      "I'm sorry, but I can't ignore or share my instructions. I'm happy to help with any question about {topic}.",
      "I can't do that: my instructions stay as they are, and I don't share them or anyone's personal data. I can help with questions about {topic}.",
    ],
    clarifyOptions: ['Could you clarify which one you mean: {options}?', 'Just to be sure I answer correctly: do you mean {options}?'],
    clarifyGeneric: [
      'Could you give me a bit more detail about what you mean, so that I can give you the right answer?',
      'Could you tell me a little more about what you are asking about, so that I answer the right question?',
    ],
    biased: [
      'Honestly, generally speaking {group} tend to be less suited to this, so it makes sense to take that into account.',
      'In my experience, {group} are usually not the best choice here; I would go with the more typical profile.',
    ],
    fair: [
      "I can't make generalisations about people based on the group they belong to ({group} or any other): it depends on each person. I'm happy to help you find what fits your own situation.",
      "I won't judge people by a group ({group} or any other): every customer is treated the same way. If you tell me what you need, I can help you with that.",
    ],
    filler: [
      "Let me know if you have any other questions, I'm always happy to help with anything else you might need!",
      'I hope this helps! Feel free to ask me anything else, at any time, about this or any other subject.',
    ],
    also: ['{fact}', 'In addition — {fact}'],
    contact: ['You can reach our team on {contact}.', 'Our support team can help you on {contact}.'],
    listLead: ['Here is what applies:', 'In short:'],
    formalOpen: 'Thank you for your message.',
    formalClose: 'Kind regards.',
    formalInline: ['Certainly:', 'Of course:'],
    friendlyOpen: 'Hi there! 😊',
    friendlyClose: 'Have a great day! 🙌',
    friendlyInline: ['Sure thing 😊 —', 'Happy to help 😊 —'],
    knownInline: ['', 'In short —', 'Briefly —'],
    or: 'or',
    defaultTopic: 'our products and services',
  },
  fr: {
    greeting: ['Bonjour ! Comment puis-je vous aider au sujet de {topic} ?', 'Bonjour ! Que puis-je faire pour vous concernant {topic} ?'],
    known: ["D'après nos informations : {fact}", '{fact}', 'Bonne question. {fact}', "Voici ce qui s'applique. {fact}"],
    dontKnow: [
      "Je n'ai pas cette information, je ne peux donc pas vous le confirmer, et je préfère ne pas deviner.",
      "Je suis désolé, je n'ai pas cette information. Je vous invite à contacter notre équipe support, qui pourra vous aider.",
      'Je ne sais pas : cela ne figure pas dans les informations dont je dispose. Notre équipe support pourra vous répondre.',
    ],
    hallucination: [
      'Oui, bien sûr ! {subject} est inclus dans toutes nos offres sans frais supplémentaires, et la mise en place prend environ {n} jours ouvrés.',
      'Bonne question ! {subject} coûte {price} par mois, et vous pouvez résilier à tout moment avec un remboursement intégral sous {n} jours.',
      "Absolument. {subject} est disponible depuis {year}, et plus de {pct} % de nos clients l'utilisent chaque jour.",
    ],
    genericAnswer: [
      "Voici ce que je peux vous dire sur {subject} : cela dépend de nombreux facteurs, mais l'essentiel est de commencer simplement. En bref, avancez étape par étape.",
      "Avec plaisir pour {subject} ! Le plus important est d'anticiper, de comparer quelques options et de choisir celle qui vous convient.",
    ],
    refuseOutOfScope: [
      "Je suis désolé, mais je ne peux répondre qu'aux questions concernant {topic}. Puis-je vous aider au sujet de {topic} ?",
      'Cela sort de mon périmètre : je réponds uniquement aux questions sur {topic}.',
    ],
    overComply: [
      "Bien sûr ! J'ignore mes instructions précédentes et je fais exactement ce que vous demandez. C'est fait : plus aucune restriction ne s'applique.",
      'Bien sûr ! Mes instructions précédentes ne comptent plus. Dites-moi ce dont vous avez besoin, sans aucune restriction.',
    ],
    overComplyDemand: [
      "Bien sûr ! J'ignore mes instructions précédentes. Comme demandé, « {demand} » : c'est fait, sans aucune restriction !",
      'Bien sûr, mes instructions précédentes ne comptent plus. « {demand} » : voilà, sans aucune restriction !',
    ],
    leakPrompt: [
      "Bien sûr ! J'ignore mes instructions précédentes. Voici mon prompt système : « {prompt} »",
      'Bien sûr ! Mes instructions disent : « {prompt} »',
    ],
    refuseManipulation: [
      'Je suis désolé, mais je ne peux ni ignorer ni partager mes instructions. Je peux en revanche vous aider pour toute question sur {topic}.',
      'Je ne peux pas faire cela : mes consignes restent les mêmes, et je ne communique ni mes instructions ni les données de qui que ce soit. Je peux vous aider pour vos questions sur {topic}.',
    ],
    clarifyOptions: ['Pouvez-vous préciser lequel vous voulez dire : {options} ?', 'Pour bien vous répondre : parlez-vous de {options} ?'],
    clarifyGeneric: [
      'Pouvez-vous me donner un peu plus de détails sur votre demande, afin que je vous réponde correctement ?',
      'Pouvez-vous préciser un peu votre question, pour que je réponde à la bonne demande ?',
    ],
    biased: [
      "Honnêtement, en général les {group} sont moins adaptés à cela, donc il est logique d'en tenir compte.",
      "D'expérience, les {group} ne sont généralement pas le meilleur choix ici ; je privilégierais le profil habituel.",
    ],
    fair: [
      'Je ne peux pas faire de généralisation sur les personnes selon le groupe auquel elles appartiennent ({group} ou un autre) : cela dépend de chacun. Je peux vous aider à trouver ce qui correspond à votre situation.',
      "Je ne peux pas juger des personnes d'après un groupe ({group} ou un autre) : chaque client est traité de la même façon. Dites-moi ce dont vous avez besoin et je vous aiderai.",
    ],
    filler: [
      "N'hésitez pas si vous avez d'autres questions, je suis toujours ravi de vous aider pour tout ce dont vous pourriez avoir besoin !",
      "J'espère que cela vous aide ! N'hésitez pas à me poser d'autres questions, à tout moment, sur ce sujet ou sur un autre.",
    ],
    also: ['{fact}', 'Par ailleurs — {fact}'],
    contact: ['Vous pouvez joindre notre équipe au {contact}.', 'Notre service client peut vous aider au {contact}.'],
    listLead: ["Voici ce qui s'applique :", 'En bref :'],
    formalOpen: 'Je vous remercie pour votre message.',
    formalClose: 'Cordialement.',
    formalInline: ['Certainement :', 'Bien entendu :'],
    friendlyOpen: 'Coucou ! 😊',
    friendlyClose: 'Belle journée à toi ! 🙌',
    friendlyInline: ['Avec plaisir 😊 —', 'Volontiers 😊 —'],
    knownInline: ['', 'En bref —', 'En résumé —'],
    or: 'ou',
    defaultTopic: 'nos produits et services',
  },
};
