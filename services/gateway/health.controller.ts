import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '@osteo/auth';

@ApiTags('health')
@Controller('health')
export class HealthController {
  @Get()
  @PublicRoute()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
