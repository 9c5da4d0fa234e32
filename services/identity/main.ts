import 'reflect-metadata';
import { runServiceProcess } from '@osteo/platform';
import { IdentityModule } from './identity.module';

/** The identity service as its own process (distributed profile): `node dist/services/identity/main.js`. */
runServiceProcess('identity', IdentityModule);
