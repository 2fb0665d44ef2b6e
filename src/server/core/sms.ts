import type { FastifyBaseLogger } from 'fastify';
import { maskMobile } from '../../shared/validators/mobile.js';

/**
 * Text messages to a mobile number. No SMS gateway is reachable from this deployment, so residents keep signing in
 * with mobile + password and nothing in the sign-in sends a message; the interface is kept so a real gateway
 * (a contracted provider's API) can be plugged in later without touching its callers.
 */
export interface SmsSender {
  /** Hands one message to the gateway; resolves when the gateway has accepted it. */
  send(mobile: string, text: string): Promise<void>;
}

/**
 * NOT AN SMS SENDER: it only writes the message to the pino log (mobile masked) and sends nothing to anybody. For
 * development and tests; never use it where a person is expected to receive the message.
 */
export class LoggingSmsSender implements SmsSender {
  constructor(private readonly log: FastifyBaseLogger) {}

  send(mobile: string, text: string): Promise<void> {
    this.log.info({ sms: { to: maskMobile(mobile), text, sent: false } }, 'SMS not sent (LoggingSmsSender only logs messages)');
    return Promise.resolve();
  }
}
