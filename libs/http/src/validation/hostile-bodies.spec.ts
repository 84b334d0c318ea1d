import request from 'supertest';
import { createValidationPipe } from './validation.pipe';
import { ADMIN_SECRET, Harness, bootApp, healthy } from '../testing/test-app.fixture';

const valid = { name: 'Noodle Bar', contact: { phone: '021-5555' }, terminals: 2 };

/** `valid` as JSON with `contact.phone` replaced by raw JSON text (nesting JSON.stringify cannot build). */
const withPhone = (json: string) => JSON.stringify(valid).replace('"021-5555"', json);

describe(`${createValidationPipe.name} on a real app with hostile bodies`, () => {
  let harness: Harness;
  const post = (body: string) =>
    request(harness.app.getHttpServer())
      .post('/v1/merchants')
      .set('Authorization', `Bearer ${ADMIN_SECRET}`)
      .set('Content-Type', 'application/json')
      .send(body);

  beforeAll(async () => {
    harness = await bootApp(healthy);
  });

  afterAll(async () => {
    await harness.app.close();
  });

  it('should answer 400 naming the field when the body nests 20,000 arrays (~40 kB)', async () => {
    const response = await post(withPhone(`${'['.repeat(20_000)}${']'.repeat(20_000)}`)).expect(400);

    expect(response.body.errors).toEqual([
      {
        field: expect.stringMatching(/^contact\.phone(\.0)+$/),
        messages: [expect.stringContaining('32 levels')],
      },
    ]);
  });

  it('should answer 400 when an unknown field nests 20,000 objects', async () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;

    await post(JSON.stringify(valid).replace('{', `{"x":${deep},`)).expect(400);
  });

  it.each([
    ['a NUL in a string', withPhone('"021\\u0000"'), 'contact.phone'],
    ['a lone surrogate in a string', withPhone('"\\ud800"'), 'contact.phone'],
    ['a NUL in a field name', JSON.stringify(valid).replace('{', '{"x\\u0000":1,'), ''],
  ])('should answer 400 naming the field when the body has %s', async (_label, body, field) => {
    const response = await post(body).expect(400);

    expect(response.body.errors).toEqual([{ field, messages: [expect.stringContaining('NUL')] }]);
  });

  it('should answer 400, not 500, when a nested value is an object with a constructor key', async () => {
    const response = await post(withPhone('{"constructor":1}')).expect(400);

    expect(response.body).toMatchObject({ statusCode: 400, message: 'Validation failed' });
  });

  it('should answer 400 when a path parameter carries a NUL', async () => {
    await request(harness.app.getHttpServer())
      .get('/v1/merchants/m%00')
      .set('Authorization', `Bearer ${ADMIN_SECRET}`)
      .expect(400);
  });

  it('should still create the merchant when the body is valid, unicode included', async () => {
    const response = await post(JSON.stringify({ ...valid, name: '老街小笼包 🥟' })).expect(201);

    expect(response.body).toEqual({ name: '老街小笼包 🥟', isDto: true });
  });
});
