import nodemailer, { type Transporter } from 'nodemailer';

// Invite links by email (optional): with ATELIER_SMTP_URL set, the scheduling form and
// Greenhouse's send_test can email the candidate their link. Plain text only, so a name that
// came from an integration cannot carry markup; nodemailer encodes the headers.

export interface InviteEmail {
  to: string;
  candidateName: string | null;
  exerciseTitle: string;
  /** The exercise's language picks the email's. */
  language: string;
  url: string;
  expiresAt: number;
}

const WORDS = {
  en: {
    subject: (title: string) => `Your exercise: ${title}`,
    hello: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    body: (title: string, url: string, expires: string) =>
      `You are invited to a practical exercise, "${title}".\n\nOpen this link when you are ready to start (it is yours alone; do not share it):\n${url}\n\nThe link is valid until ${expires} (UTC).`,
  },
  fr: {
    subject: (title: string) => `Votre exercice : ${title}`,
    hello: (name: string | null) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    body: (title: string, url: string, expires: string) =>
      `Vous êtes invité·e à un exercice pratique, « ${title} ».\n\nOuvrez ce lien quand vous serez prêt·e à commencer (il n’est qu’à vous ; ne le partagez pas) :\n${url}\n\nLe lien est valable jusqu’au ${expires} (UTC).`,
  },
} as const;

export class InviteMailer {
  private readonly transport: Transporter | null;

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  /** Sends the invite; rejects with the SMTP server's reason. */
  async send(invite: InviteEmail): Promise<void> {
    if (!this.transport) throw new Error('SMTP is not configured (ATELIER_SMTP_URL).');
    const words = invite.language.startsWith('fr') ? WORDS.fr : WORDS.en;
    const expires = new Date(invite.expiresAt).toISOString().slice(0, 16).replace('T', ' ');
    await this.transport.sendMail({
      from: this.from,
      to: invite.to,
      subject: words.subject(invite.exerciseTitle),
      text: `${words.hello(invite.candidateName)}\n\n${words.body(invite.exerciseTitle, invite.url, expires)}\n`,
    });
  }

  close(): void {
    this.transport?.close();
  }
}
