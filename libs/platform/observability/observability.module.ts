import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsController, ProbeController } from './observability.controllers';
import { ReadinessChecks } from './readiness-checks';

/**
 * `/health/live`, `/health/ready` and `/metrics` for any process built by createHttpApplication
 * (whose registry the metrics come from). Global, so every module can register what readiness
 * depends on.
 */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [ProbeController, MetricsController],
  providers: [ReadinessChecks],
  exports: [ReadinessChecks],
})
export class ObservabilityModule {}
