import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { delegatedRoles, type DelegatedRole } from '@osteo/contracts';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const MAX_PRACTICES_PER_DELEGATION = 100;

export class OpenPracticeDto {
  @ApiProperty({ example: 'Cabinet de la Croix-Rousse' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  readonly name!: string;

  @ApiPropertyOptional({ example: '12 rue Dumenge, 69004 Lyon' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  readonly address?: string;
}

export class RenamePracticeDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  readonly name!: string;
}

export class InviteColleagueDto {
  @ApiProperty({ description: 'The e-mail address of an existing main account' })
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  readonly email!: string;
}

class CabinetIdsField {
  @ApiProperty({ type: [String], description: 'Practices of yours this access covers' })
  @IsArray()
  @ArrayNotEmpty({ message: 'cabinetIds must name at least one practice' })
  @ArrayMaxSize(MAX_PRACTICES_PER_DELEGATION)
  @ArrayUnique({ message: 'cabinetIds must not repeat a practice' })
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  readonly cabinetIds!: string[];
}

const retrocessionOptions = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };
const retrocessionMessage = 'retrocessionPercent must be a number from 0 to 100 with at most two decimals';

export class GrantDelegationDto extends CabinetIdsField {
  @ApiProperty({ example: 'secretariat@example.fr' })
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  readonly email!: string;

  @ApiProperty({ enum: delegatedRoles })
  @IsIn(delegatedRoles, { message: `role must be one of ${delegatedRoles.join(', ')}` })
  readonly role!: DelegatedRole;

  @ApiPropertyOptional({ description: 'Substitutes only: the share of each fee retroceded, 0 to 100, two decimals at most', example: 30 })
  @IsOptional()
  @IsNumber(retrocessionOptions, { message: retrocessionMessage })
  @Min(0, { message: retrocessionMessage })
  @Max(100, { message: retrocessionMessage })
  readonly retrocessionPercent?: number;

  @ApiPropertyOptional({ description: 'Last day of access (inclusive), e.g. the end of a replacement; none: until revoked', example: '2026-08-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endsOn must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'endsOn must be a real calendar date' })
  readonly endsOn?: string;
}

export class ChangeDelegationDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'cabinetIds must name at least one practice' })
  @ArrayMaxSize(MAX_PRACTICES_PER_DELEGATION)
  @ArrayUnique({ message: 'cabinetIds must not repeat a practice' })
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  readonly cabinetIds?: string[];

  @ApiPropertyOptional({ description: 'Substitutes only; applies to consultations completed from now on' })
  @IsOptional()
  @IsNumber(retrocessionOptions, { message: retrocessionMessage })
  @Min(0, { message: retrocessionMessage })
  @Max(100, { message: retrocessionMessage })
  readonly retrocessionPercent?: number;
}

export class CabinetCreatedDto {
  @ApiProperty() readonly cabinetId!: string;
}

export class InvitationCreatedDto {
  @ApiProperty() readonly invitationId!: string;
}

export class DelegationCreatedDto {
  @ApiProperty() readonly delegationId!: string;
}
