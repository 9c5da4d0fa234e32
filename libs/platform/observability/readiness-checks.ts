import { Injectable } from '@nestjs/common';
import { type HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from './with-timeout';

/** Resolves when the component answers; rejects, with the reason, when it does not. */
export type ReadinessProbe = () => Promise<unknown>;

const PROBE_TIMEOUT_MS = 2_000;

/**
 * The components a process needs to serve requests, each registered by whoever opened it (the
 * bus by PlatformModule, a service's stores by its ServiceInfrastructureModule), so that one
 * process running every service reports on every service's stores.
 */
@Injectable()
export class ReadinessChecks {
  private readonly probes = new Map<string, ReadinessProbe>();

  constructor(private readonly indicators: HealthIndicatorService) {}

  register(component: string, probe: ReadinessProbe): void {
    if (this.probes.has(component)) throw new Error(`Readiness of ${component} is already checked`);
    this.probes.set(component, probe);
  }

  /** One terminus indicator per component, named after it. */
  asIndicators(): HealthIndicatorFunction[] {
    return [...this.probes].map(([component, probe]) => async () => {
      const indicator = this.indicators.check(component);
      try {
        await withTimeout(probe(), PROBE_TIMEOUT_MS, component);
        return indicator.up();
      } catch (error) {
        return indicator.down({ message: error instanceof Error ? error.message : String(error) });
      }
    });
  }
}
