import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  /** The envelope: MAIL FROM and RCPT TO. */
  mailFrom: string;
  rcptTo: string[];
  /** Who logged in (AUTH), if anyone. */
  user?: string;
  /** Whether the session was encrypted (implicit TLS or after STARTTLS) when the message came. */
  secure: boolean;
  raw: string;
  parsed: ParsedMail;
}

/** A refusal the server answers with, e.g. { code: 550, message: 'No such user here' }. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface SmtpTestServerOptions {
  /**
   * `starttls`: plain, offering STARTTLS with `certificate`; `implicit`: TLS from the first byte;
   * `none`: plain and STARTTLS is not offered.
   */
  tls: 'starttls' | 'implicit' | 'none';
  certificate?: TestCertificate;
  /** Accept only this login (and require one); without it, no AUTH is offered. */
  login?: { user: string; password: string };
}

/**
 * A real SMTP server (smtp-server, the one nodemailer is tested against) on 127.0.0.1 and a free
 * port. It records every message it accepts, parsed, and refuses recipients as `refuseRecipient`
 * says; `stallData` makes it read messages and never answer.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  refuseRecipient: SmtpRefusal | undefined;
  stallData = false;
  /** Messages read while `stallData` was on, and never answered. */
  stalledMessages = 0;

  private readonly server: SMTPServer;
  private listeningPort = 0;

  private constructor(options: SmtpTestServerOptions) {
    this.server = new SMTPServer(this.settings(options));
  }

  static async start(options: SmtpTestServerOptions): Promise<SmtpTestServer> {
    const self = new SmtpTestServer(options);
    await new Promise<void>((resolve, reject) => {
      self.server.once('error', reject);
      self.server.listen(0, '127.0.0.1', () => resolve());
    });
    self.listeningPort = (self.server.server.address() as AddressInfo).port;
    return self;
  }

  get port(): number {
    return this.listeningPort;
  }

  private settings(options: SmtpTestServerOptions): SMTPServerOptions {
    const { login, certificate } = options;
    return {
      logger: false,
      // close() drops connections still open after this long (a stalled test's, say).
      closeTimeout: 200,
      secure: options.tls === 'implicit',
      ...(certificate ? { key: certificate.key, cert: certificate.cert } : {}),
      disabledCommands: [...(options.tls === 'none' ? ['STARTTLS'] : []), ...(login ? [] : ['AUTH'])],
      authOptional: !login,
      // A plain server in these tests stands for a relay on this machine.
      allowInsecureAuth: options.tls === 'none',
      onAuth(auth, _session, callback) {
        if (login && auth.username === login.user && auth.password === login.password) return callback(null, { user: auth.username });
        callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      },
      onRcptTo: (_address, _session, callback) => {
        const refusal = this.refuseRecipient;
        callback(refusal ? Object.assign(new Error(refusal.message), { responseCode: refusal.code }) : null);
      },
      onData: (stream, session, callback) => {
        // Decided when the message starts, so a stalled message stays stalled after reset().
        const stall = this.stallData;
        if (stall) this.stalledMessages++;
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (stall) return;
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              this.received.push({
                mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                rcptTo: session.envelope.rcptTo.map((r) => r.address),
                ...(typeof session.user === 'string' ? { user: session.user } : {}),
                secure: session.secure,
                raw,
                parsed,
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    };
  }

  /** Forget what was received and answer normally again (between tests). */
  reset(): void {
    this.received.length = 0;
    this.refuseRecipient = undefined;
    this.stallData = false;
    this.stalledMessages = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface TestCertificate {
  key: string;
  cert: string;
}

/** A self-signed certificate for localhost and 127.0.0.1, made now (never committed). */
export async function selfSignedCertificate(): Promise<TestCertificate> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 24 * 60 * 60_000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** A TCP server that accepts connections and never says a word: no SMTP greeting ever comes. */
export class SilentServer {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: TcpServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SilentServer> {
    const server = createTcpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const silent = new SilentServer(server, (server.address() as AddressInfo).port);
    server.on('connection', (socket) => {
      silent.sockets.add(socket);
      socket.on('close', () => silent.sockets.delete(socket));
    });
    return silent;
  }

  get connections(): number {
    return this.sockets.size;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
