import 'reflect-metadata';
import { runServiceProcess } from '@osteo/platform';
import { PlanningModule } from './planning.module';

/** The planning service as its own process (distributed profile): `node dist/services/planning/main.js`. */
runServiceProcess('planning', PlanningModule);
