import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** A CSAT answer. */
export class AnswerSurveyDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 (very unhappy) – 5 (very happy)' })
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  comment?: string;
}

/** Grouping of the satisfaction report. */
export class SatisfactionQuery {
  @ApiPropertyOptional({ enum: ['category', 'team', 'agent'], default: 'category' })
  @IsOptional()
  @IsIn(['category', 'team', 'agent'])
  by?: 'category' | 'team' | 'agent';
}

/** The recorded answer. */
export class SurveyAnswerView {
  @ApiProperty() surveyId: string;
  @ApiProperty() ticketId: string;
  @ApiProperty() answeredAt: string;
}

/** Satisfaction of one group. */
export class SatisfactionRowView {
  @ApiProperty() key: string;
  @ApiProperty() answers: number;
  @ApiProperty() meanScore: number;
  @ApiProperty({ description: 'Share of answers scoring 4 or 5' }) satisfiedShare: number;
}

/** A survey's signed link and state. */
export class SurveyLinkView {
  @ApiProperty() surveyId: string;
  @ApiProperty({ example: '/v1/surveys/<surveyId>.<expires>.<signature>' }) surveyPath: string;
  @ApiProperty() expiresAt: string;
  @ApiPropertyOptional({ nullable: true }) answeredAt: string | null;
  @ApiPropertyOptional({ nullable: true }) score: number | null;
}
