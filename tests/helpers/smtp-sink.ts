import { SMTPServer } from 'smtp-server';

// A local SMTP server that keeps what it is sent (the tests' mailbox), with a login it checks.

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  /** Refuse the next messages with a 550 (a mailbox that does not exist). */
  refuse = false;
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(user = 'atelier', pass = 'smtp-secret'): Promise<SmtpSink> {
    let sink: SmtpSink | undefined;
    const server = new SMTPServer({
      authOptional: false,
      disabledCommands: ['STARTTLS'],
      onAuth(auth, _session, callback) {
        if (auth.username === user && auth.password === pass) callback(null, { user });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (sink!.refuse) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
          sink!.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    sink = new SmtpSink(server, (server.server.address() as { port: number }).port);
    return sink;
  }

  url(user = 'atelier', pass = 'smtp-secret'): string {
    return `smtp://${user}:${pass}@127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
