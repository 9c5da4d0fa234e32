import 'reflect-metadata';
import { runServiceProcess } from '@osteo/platform';
import { AccountingModule } from './accounting.module';

/** The accounting service as its own process (distributed profile): `node dist/services/accounting/main.js`. */
runServiceProcess('accounting', AccountingModule);
