import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LoggingSmsSender } from './sms.js';

describe('LoggingSmsSender', () => {
  it('writes the message to the log with the mobile masked, and says it sent nothing', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk, _enc, done) => {
        lines.push(String(chunk));
        done();
      },
    });
    await new LoggingSmsSender(pino({ level: 'info' }, sink)).send('13800000001', '验证码 123456');
    const entry = JSON.parse(lines[0]!);
    expect(entry.sms).toEqual({ to: '138****0001', text: '验证码 123456', sent: false });
    expect(lines[0]).not.toContain('13800000001');
    expect(entry.msg).toMatch(/not sent/);
  });
});
