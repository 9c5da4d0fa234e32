import { Controller, Get, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '@osteo/auth';
import { OperatorKeyGuard } from './operator-key.guard';
import { ReadModelRebuilds, type RebuildRun } from './read-model-rebuilds';

/**
 * Operator routes of read-model rebuilds (`npm run rebuild`), outside `/api/v1` and its OpenAPI
 * document: they are no part of the product's API. The distributed gateway forwards only
 * `/api/v1`, so there they are reached on each service's own port.
 */
@ApiExcludeController()
@Controller('operator')
@PublicRoute()
@UseGuards(OperatorKeyGuard)
export class ReadModelRebuildController {
  constructor(private readonly rebuilds: ReadModelRebuilds) {}

  /** Per service of this process, the names of its rebuildable read models. */
  @Get('read-models')
  catalogue(): Record<string, string[]> {
    return this.rebuilds.catalogue();
  }

  /** Starts a rebuild; 202 at once, followed at GET /operator/rebuilds/:rebuildId. */
  @Post('read-models/:service/:readModel/rebuilds')
  @HttpCode(HttpStatus.ACCEPTED)
  start(@Param('service') service: string, @Param('readModel') readModel: string): RebuildRun {
    return this.rebuilds.start(service, readModel);
  }

  @Get('rebuilds/:rebuildId')
  find(@Param('rebuildId') rebuildId: string): RebuildRun {
    return this.rebuilds.find(rebuildId);
  }
}
