import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@osteo/auth';
import { asyncApiDocument } from '@osteo/contracts';

@ApiTags('docs')
@Controller('asyncapi.json')
export class AsyncApiController {
  private readonly document = asyncApiDocument();

  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'The AsyncAPI 3.0 document of the published Kafka topics' })
  @ApiOkResponse({
    description: 'An AsyncAPI 3.0 document: every event with its version and JSON Schema',
    schema: { type: 'object', properties: { asyncapi: { type: 'string', example: '3.0.0' } }, required: ['asyncapi'], additionalProperties: true },
  })
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
