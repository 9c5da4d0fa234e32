import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@osteo/auth';
import { asyncApiDocument } from '@osteo/contracts';

@ApiTags('docs')
@Controller('asyncapi.json')
export class AsyncApiController {
  private readonly document = asyncApiDocument();

  @Get()
  @PublicRoute()
  @ApiOperation({ summary: 'The AsyncAPI 3.0 document of the published Kafka topics' })
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
