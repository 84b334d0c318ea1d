import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { createValidationPipe, flattenValidationErrors } from './validation.pipe';

class LineDto {
  @IsInt()
  @Min(1)
  amount: number;
}

class ContactDto {
  @IsString()
  phone: string;
}

class OrderDto {
  @IsString()
  name: string;

  @ValidateNested()
  @Type(() => ContactDto)
  contact: ContactDto;

  @ValidateNested({ each: true })
  @Type(() => LineDto)
  items: LineDto[];
}

async function validationBody(value: unknown): Promise<Record<string, unknown>> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: OrderDto });
  } catch (error) {
    if (error instanceof BadRequestException) return error.getResponse() as Record<string, unknown>;
    throw error;
  }
  throw new Error('expected validation to fail');
}

describe(createValidationPipe.name, () => {
  it('should return a DTO instance when the body is valid', async () => {
    const dto = await createValidationPipe().transform(
      { name: 'a', contact: { phone: '1' }, items: [{ amount: 5 }] },
      { type: 'body', metatype: OrderDto },
    );

    expect(dto).toBeInstanceOf(OrderDto);
    expect(dto.items[0]).toBeInstanceOf(LineDto);
  });

  it('should list every invalid field at its dotted path when nested values are invalid', async () => {
    const body = await validationBody({
      name: 7,
      contact: { phone: 1 },
      items: [{ amount: 5 }, { amount: 0 }],
    });

    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      errors: [
        { field: 'name', messages: ['name must be a string'] },
        { field: 'contact.phone', messages: ['phone must be a string'] },
        { field: 'items.1.amount', messages: ['amount must not be less than 1'] },
      ],
    });
  });

  it('should reject unknown fields when the body carries them, nested ones included', async () => {
    const body = await validationBody({
      name: 'a',
      contact: { phone: '1', fax: '2' },
      items: [],
      admin: true,
    });

    expect(body.errors).toHaveLength(2);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'contact.fax', messages: ['property fax should not exist'] },
        { field: 'admin', messages: ['property admin should not exist'] },
      ]),
    );
  });
});

describe(flattenValidationErrors.name, () => {
  it('should return no entries when there are no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });
});
