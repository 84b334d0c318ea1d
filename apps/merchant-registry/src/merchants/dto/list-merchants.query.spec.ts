import { BadRequestException } from '@nestjs/common';
import { createValidationPipe } from '@merchant-pulse/http';
import { ListMerchantsQuery } from './list-merchants.query';

const validate = (value: Record<string, string>) =>
  createValidationPipe().transform(value, { type: 'query', metatype: ListMerchantsQuery });

describe(ListMerchantsQuery.name, () => {
  it('should accept a name of 2 to 100 characters, Chinese or Latin, wildcards included', async () => {
    for (const name of ['便利', 'Old Street', '100%_', 'x'.repeat(100)])
      await expect(validate({ name })).resolves.toMatchObject({ name });
  });

  it('should refuse a name shorter than 2 characters, longer than 100, or with control characters', async () => {
    for (const name of ['', 'a', 'x'.repeat(101), 'ab\u0000', 'a\nb'])
      await expect(validate({ name })).rejects.toBeInstanceOf(BadRequestException);
  });
});
