import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** `POST /api/session` body. */
export class SignInDto {
  @ApiProperty({ example: 'manager' })
  @IsString()
  @Length(1, 128)
  username: string;

  @ApiProperty({ example: 'pulse-dev-manager', format: 'password' })
  @IsString()
  @Length(1, 256)
  password: string;
}
