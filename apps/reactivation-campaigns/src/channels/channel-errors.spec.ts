import { classifySmtpError } from './email/smtp-email.sender';
import { classifySmsRequestError, classifySmsStatus } from './sms/http-sms.sender';

describe('channel error classification', () => {
  it('should treat SMS gateway 4xx as invalid_contact or provider_error and 5xx/429 as retryable', () => {
    expect(classifySmsStatus(400, 'bad number').kind).toBe('invalid_contact');
    expect(classifySmsStatus(422, 'bad number').kind).toBe('invalid_contact');
    expect(classifySmsStatus(401, 'bad key').kind).toBe('provider_error');
    expect(classifySmsStatus(429, 'slow down').kind).toBe('retryable');
    expect(classifySmsStatus(503, 'down').kind).toBe('retryable');
  });

  it('should treat SMTP 550 as invalid_contact, other 5xx as provider_error, 4xx and socket errors as retryable', () => {
    expect(classifySmtpError({ responseCode: 550, message: 'no such user' }).kind).toBe('invalid_contact');
    expect(classifySmtpError({ responseCode: 554, message: 'rejected' }).kind).toBe('provider_error');
    expect(classifySmtpError({ responseCode: 451, message: 'try later' }).kind).toBe('retryable');
    expect(classifySmtpError({ code: 'ECONNREFUSED', message: 'refused' }).kind).toBe('retryable');
  });

  it('should treat an SMS request that timed out or lost its connection as unknown, a refused one as retryable', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), {
      name: 'TimeoutError',
    });
    expect(classifySmsRequestError(timeout).kind).toBe('unknown');
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    expect(classifySmsRequestError(reset).kind).toBe('unknown');
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(classifySmsRequestError(refused).kind).toBe('retryable');
  });

  it('should treat an SMTP timeout after connecting as unknown and a connect timeout as retryable', () => {
    expect(classifySmtpError({ code: 'ETIMEDOUT', command: 'DATA', message: 'timeout' }).kind).toBe(
      'unknown',
    );
    expect(classifySmtpError({ code: 'ETIMEDOUT', command: 'CONN', message: 'timeout' }).kind).toBe(
      'retryable',
    );
  });
});
