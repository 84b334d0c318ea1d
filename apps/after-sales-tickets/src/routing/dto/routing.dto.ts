import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { SKILLS } from '../routing.policy';
import type { Skill } from '../routing.policy';

const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Create or replace a team. */
export class TeamDto {
  @ApiProperty({ example: 'device-l1' })
  @Matches(ID, { message: 'id must be a lower-case identifier' })
  id: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: SKILLS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SKILLS.length)
  @IsIn(SKILLS, { each: true })
  skills: Skill[];

  @ApiPropertyOptional({ default: 1, description: '1 = first line; escalations go up' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  level?: number;

  @ApiPropertyOptional({ description: 'Team a breach escalates to (the next level)' })
  @IsOptional()
  @Matches(ID, { message: 'escalationTeamId must be a lower-case identifier' })
  escalationTeamId?: string;
}

/** Create or replace an agent. */
export class AgentDto {
  @ApiProperty({ example: 'agent-17' })
  @Matches(ID, { message: 'id must be a lower-case identifier' })
  id: string;

  @ApiProperty()
  @Matches(ID, { message: 'teamId must be a lower-case identifier' })
  teamId: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ minimum: 1, maximum: 200, description: 'Most open tickets at once' })
  @IsInt()
  @Min(1)
  @Max(200)
  capacity: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  available?: boolean;
}

/** Change an agent's availability or capacity. */
export class AgentAvailabilityDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  capacity?: number;
}

/** A team. */
export class TeamView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty() level: number;
  @ApiPropertyOptional({ nullable: true }) escalationTeamId: string | null;
}

/** An agent with their current load. */
export class AgentView {
  @ApiProperty() id: string;
  @ApiProperty() teamId: string;
  @ApiProperty() name: string;
  @ApiProperty() capacity: number;
  @ApiProperty() available: boolean;
  @ApiProperty() openTickets: number;
  @ApiPropertyOptional({ nullable: true }) lastAssignedAt: Date | null;
}
