import nodemailer, { type Transporter } from 'nodemailer';

/** Sends e-mail. Only this file (and its SMTP transport) touches the network for mail. */
export interface Mailer {
  send(message: { to: string[]; subject: string; text: string }): Promise<void>;
}

/** SMTP through nodemailer; the URL is TOEZICHT_SMTP_URL (smtp://host:port, smtps://user:pass@host:465). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(url: string, private readonly from: string) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: { to: string[]; subject: string; text: string }): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }

  close(): void {
    this.transport.close();
  }
}
