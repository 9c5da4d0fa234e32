import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@osteo/auth';

@ApiTags('health')
@Controller('health')
export class HealthController {
  @Get()
  @PublicRoute()
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
