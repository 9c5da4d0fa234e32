import { type Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest } from '@osteo/read-store';
import { IsOptional, Matches, ValidateBy } from 'class-validator';

const IsPageSize = (): PropertyDecorator =>
  ValidateBy({
    name: 'isPageSize',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_PAGE_SIZE,
      defaultMessage: () => `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
    },
  });

/**
 * `?limit=&cursor=` of every paged list (docs/adr/0008-pagination.md). A query DTO of a paged
 * route extends it; a route without other parameters takes it as is.
 */
export class PageQueryDto {
  // An integer in the document, as the generated client and Schemathesis must send it; a query
  // string carries it as digits, which IsPageSize reads.
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, description: `Items per page, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when absent`, example: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @IsPageSize()
  readonly limit?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the page before, as answered; absent for the first page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,1000}$/, { message: 'cursor must be a nextCursor this list answered; start again without it' })
  readonly cursor?: string;
}

export function pageRequestOf(query: PageQueryDto): PageRequest {
  return { limit: query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(query.limit), ...(query.cursor !== undefined && { cursor: query.cursor }) };
}

/**
 * The OpenAPI shape of a page of `item`: `{ items, nextCursor, total }`, named `<name>` (each
 * paged route its own schema, so the generated client types each list).
 */
export function PageDtoOf(item: Type<unknown>, name: string): Type<unknown> {
  class PageDto {
    @ApiProperty({ type: [item] }) readonly items!: unknown[];
    @ApiProperty({ type: String, nullable: true, description: 'Hand it back as cursor for the next page; null on the last page' }) readonly nextCursor!: string | null;
    @ApiProperty({ type: 'integer', description: 'Every item of the list, all pages together, as counted when its first page was read (the following pages repeat it)' }) readonly total!: number;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
