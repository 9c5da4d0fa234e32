import 'reflect-metadata';
import { runServiceProcess } from '@osteo/platform';
import { AccessGrantModule } from './access-grant.module';

/** The access-grant service as its own process (distributed profile): `node dist/services/access-grant/main.js`. */
runServiceProcess('access-grant', AccessGrantModule);
