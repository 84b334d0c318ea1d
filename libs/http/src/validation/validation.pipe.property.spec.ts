import { BadRequestException } from '@nestjs/common';
import fc from 'fast-check';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { createValidationPipe } from './validation.pipe';
import { CreateMerchantDto } from '../testing/test-app.fixture';

class LineDto {
  @IsInt()
  @Min(1)
  amount: number;

  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}

class OrderDto {
  @IsString()
  @Length(1, 50)
  name: string;

  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  items: LineDto[];
}

const hostileLeaf = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\ud800',
    '',
    2 ** 53 + 2,
    1e308,
    -0,
    null,
    true,
    { constructor: 1 },
    { __proto__: 1 },
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.double(),
  fc.integer(),
);

/** A JSON-like value of any shape, sometimes nested far beyond the 32-level limit. */
const hostileBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    {
      name: hostileLeaf,
      contact: fc.oneof(hostileLeaf, fc.record({ phone: hostileLeaf })),
      terminals: hostileLeaf,
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      name: hostileLeaf,
      items: fc.array(fc.record({ amount: hostileLeaf, at: hostileLeaf }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
  fc.integer({ min: 30, max: 20_000 }).map((depth) => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = { name: value };
    // fast-check's own printer would overflow on the counterexample: print it short.
    return Object.defineProperty(value as object, fc.toStringMethod, {
      value: () => `<${depth} nested {name}>`,
    });
  }),
);

/** Resolves to 'ok', or to 'rejected' when the pipe threw a 400 with field messages; anything else fails. */
async function verdict(metatype: new () => object, value: unknown): Promise<'ok' | 'rejected'> {
  try {
    const result = await createValidationPipe().transform(value, { type: 'body', metatype });
    if (!(result instanceof metatype)) throw new Error('a valid body must become a DTO instance');
    return 'ok';
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const body = error.getResponse() as { errors?: Array<{ field: unknown; messages: unknown[] }> };
    const described =
      Array.isArray(body.errors) &&
      body.errors.length > 0 &&
      body.errors.every((e) => typeof e.field === 'string' && e.messages.length > 0);
    if (!described) throw new Error(`a 400 without field messages: ${JSON.stringify(body)}`);
    return 'rejected';
  }
}

// Hundreds of generated cases per property: seconds on a loaded 2-core machine, not Jest's default 5 s.
jest.setTimeout(30_000);

describe(`${createValidationPipe.name} (properties)`, () => {
  it('should end in a DTO or a 400 with field messages, never another error, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(CreateMerchantDto, OrderDto), hostileBody, async (metatype, body) => {
        await verdict(metatype, body);
      }),
      { numRuns: 300 },
    );
  });

  it('should keep a valid body valid whatever unicode its text carries', async () => {
    // At most 50 UTF-16 units, the DTO's limit (a grapheme may take several units).
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((t) => t.length <= 50);
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 1_000 }), async (name, amount) => {
        const ok = await verdict(OrderDto, { name, items: [{ amount, at: '2026-03-10T11:12:00+08:00' }] });
        return ok === 'ok';
      }),
      { numRuns: 200 },
    );
  });
});
