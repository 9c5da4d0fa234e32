import 'reflect-metadata';
import { runServiceProcess } from '@osteo/platform';
import { PatientRecordsModule } from './patient-records.module';

/** The patient-records service as its own process (distributed profile): `node dist/services/patient-records/main.js`. */
runServiceProcess('patient-records', PatientRecordsModule);
