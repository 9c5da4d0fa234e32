import { describeEventBusContract } from '../event-bus.contract';
import { InProcessEventBus } from './in-process-event-bus';

describeEventBusContract(
  'InProcessEventBus',
  async () => new InProcessEventBus({ handlerRetry: { initialDelayMs: 5, maxDelayMs: 50 } }),
);
