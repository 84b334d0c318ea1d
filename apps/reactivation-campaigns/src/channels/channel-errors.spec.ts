import { classifySmtpError } from './email/smtp-email.sender';
import { classifySmsStatus } from './sms/http-sms.sender';

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
});
