import { INestApplication } from '@nestjs/common';
import { createTestSchema, createTestTopics, TestSchema, TestTopics } from '@merchant-pulse/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SlaTracker } from '../src/sla/sla-tracker';
import { bootSlaApp, noFacts, RecordingEscalation, SECRET, slaTicket } from './sla.fixtures';

jest.setTimeout(120_000);

// A made-up region "XX" for the file-loading case: the CN schedule for 2027 is not published in any
// source this project could verify, so no CN dates are invented here.
const FILE_SCHEDULES = [
  { region: 'XX', year: 2026, holidays: [], workdays: [], source: 'test fixture' },
  { region: 'XX', year: 2027, holidays: ['2027-01-01'], workdays: [], source: 'test fixture' },
];

describe('Holiday schedules from configuration (after-sales-tickets)', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;

  const http = () => request(app.getHttpServer());
  const put = (path: string, body: object) =>
    http().put(path).set('Authorization', `Bearer ${SECRET}`).send(body).expect(200);
  const missingSeries = async () =>
    ((await http().get('/metrics').expect(200)).text.match(
      /^pulse_sla_holiday_schedule_missing_total\{.*$/gm,
    ) ?? []) as string[];

  beforeAll(async () => {
    schema = await createTestSchema('holidays');
    topics = await createTestTopics('holidays', 1);
    const file = join(mkdtempSync(join(tmpdir(), 'holidays-')), 'holidays.json');
    writeFileSync(file, JSON.stringify(FILE_SCHEDULES));
    ({ app } = await bootSlaApp(
      schema.schema,
      topics.prefix,
      '2026-12-31T08:00:00.000Z',
      new RecordingEscalation(),
      {
        HOLIDAY_SCHEDULES_FILE: file,
      },
    ));
    await put('/v1/sla/calendars/xx-office', {
      name: 'XX office',
      timezone: 'Asia/Shanghai',
      mode: 'business_hours',
      weeklyHours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '18:00' }]]),
      ),
      holidayRegion: 'XX',
    });
    await put('/v1/sla/team-calendars/team-xx', { calendarId: 'xx-office' });
  });

  afterAll(async () => {
    await app?.close();
    await schema?.drop();
    await topics?.drop();
  });

  it('should count a holiday of a schedule loaded from HOLIDAY_SCHEDULES_FILE and report nothing missing', async () => {
    // Thu 2026-12-31 17:00 Shanghai, normal (4 h): 1 h on Dec 31, Fri Jan 1 is the file's holiday,
    // the weekend is closed → Mon 2027-01-04 12:00 (04:00Z).
    const a = await app
      .get(SlaTracker)
      .opened(slaTicket('TK-XX', '2026-12-31T09:00:00.000Z', { teamId: 'team-xx' }), noFacts);
    expect(a.firstResponseDueAt.toISOString()).toBe('2027-01-04T04:00:00.000Z');
    expect((await missingSeries()).filter((l) => l.includes('region="XX"'))).toEqual([]);
  });

  it('should report a clock that runs into a year without a schedule of its region', async () => {
    // Same ticket on the CN calendar: 2027 is not loaded, so Jan 1 counts as a working day (Fri 12:00)
    // and the service says so in its metrics.
    const a = await app.get(SlaTracker).opened(slaTicket('TK-CN', '2026-12-31T09:00:00.000Z'), noFacts);
    expect(a.firstResponseDueAt.toISOString()).toBe('2027-01-01T04:00:00.000Z');
    const series = await missingSeries();
    expect(series.find((l) => l.includes('region="CN"') && l.includes('year="2027"'))).toMatch(/ [1-9]\d*$/);
    expect(series.some((l) => l.includes('year="2026"'))).toBe(false);
  });
});
