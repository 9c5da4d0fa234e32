import type { Type } from '@nestjs/common';
import { AccessGrantModule } from './access-grant/access-grant.module';
import { AccountingModule } from './accounting/accounting.module';
import { IdentityModule } from './identity/identity.module';
import { PatientRecordsModule } from './patient-records/patient-records.module';
import { PlanningModule } from './planning/planning.module';

/**
 * Every service module, for the composition roots that run several in one process (the embedded
 * profile). Adding a service is one line here.
 */
export const serviceModules: readonly Type<unknown>[] = [IdentityModule, AccessGrantModule, PlanningModule, PatientRecordsModule, AccountingModule];
