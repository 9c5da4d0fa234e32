/**
 * What runs when an event arrives has one name and one room (issue #12): a `*.reactor.ts` class
 * in `services/<service>/application/<use case or read model>/`, so "where does accounting react
 * to a completed consultation?" is answered by the `*.reactor.ts` files under
 * `services/accounting/application/`. interface/ keeps the HTTP side only. Given a miniature tree that breaks each rule once (and keeps
 * it once), exactly the breaches are reported; then the real services/ and libs/ come out clean.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
const SCANNED = ['services', 'libs'];

/** Names that once meant the same as a reactor. */
const RETIRED_SUFFIX = /\.(feed|consumer)(\.spec|\.int-spec)?\.ts$/;
const REACTOR_FILE = /\.reactor\.ts$/;
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;
/** Taking deliveries from the bus, directly or through the projection and store-fed helpers. */
const SUBSCRIBES = /\.subscribe\(\s*\{|\bsubscribeProjection\(|\bnew StoreFedReadModels\(/;
/** What an interface/ file has no business with. */
const EVENT_BUS = /\bEventBus\b|\bsubscribeProjection\b|\bStoreFedReadModels\b/;
const EXPORTED_CLASS = /export\s+(?:abstract\s+)?class\s+(\w+)/g;

function filesUnder(directory: string): string[] {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every breach of the event rooms under `root`, as `path: why`, paths relative to `root`. */
function eventRoomBreaches(root: string): string[] {
  const breaches: string[] = [];
  for (const path of SCANNED.flatMap((top) => filesUnder(join(root, top)))) {
    const file = relative(root, path).split(sep).join('/');
    const [top, service, room] = file.split('/');
    const inService = top === 'services';
    const isTest = TEST_FILE.test(file) || file.includes('/test-support/');
    const source = readFileSync(path, 'utf8');

    if (RETIRED_SUFFIX.test(file)) breaches.push(`${file}: what reacts to events is a *.reactor.ts`);
    if (inService && REACTOR_FILE.test(file) && room !== 'application') {
      breaches.push(`${file}: a reactor lives in services/${service}/application/<use case or read model>/`);
    }
    if (inService && room === 'interface' && EVENT_BUS.test(source)) {
      breaches.push(`${file}: interface/ does not subscribe to events; a reactor in application/ does`);
    }
    if (inService && !isTest && !REACTOR_FILE.test(file) && SUBSCRIBES.test(source)) {
      breaches.push(`${file}: subscribes to events, so it is a *.reactor.ts`);
    }
    if (REACTOR_FILE.test(file)) {
      for (const [, name] of source.matchAll(EXPORTED_CLASS)) {
        if (!name.endsWith('Reactor')) breaches.push(`${file}: exports ${name}, not a …Reactor`);
      }
    }
  }
  return breaches.sort();
}

const SUBSCRIBER = `export class {name} {
  constructor(private readonly bus: EventBus) {}
  async onApplicationBootstrap() { await this.bus.subscribe({ groupId: 'g', topics: ['t'], handle: async () => undefined }); }
}`;
const subscriber = (name: string) => SUBSCRIBER.replace('{name}', name);

/** One keeper and one breach of each rule. */
const FIXTURE: Readonly<Record<string, string>> = {
  // Keepers: a reactor in its use case's folder, its spec beside it, a controller, a library's reactor.
  'services/a/application/place-order/order-placed.reactor.ts': subscriber('OrderPlacedReactor'),
  'services/a/application/place-order/order-placed.reactor.spec.ts': `it('reacts', () => undefined);`,
  'services/a/interface/orders.controller.ts': `export class OrdersController { list() { return []; } }`,
  'libs/shared/sessions.reactor.ts': subscriber('SessionsReactor'),
  'services/a/test-support/bus-spy.ts': subscriber('BusSpy'),

  // Breaches, one each.
  'services/a/application/orders/orders.feed.ts': `export class OrdersReactor {}`,
  'services/a/interface/ledger.consumer.ts': `export class LedgerReactor {}`,
  'services/a/interface/payments.reactor.ts': `export class PaymentsReactor {}`,
  'services/a/interface/refunds.controller.ts': `import { EventBus } from '@osteo/messaging';\nexport class RefundsController { constructor(readonly bus: EventBus) {} }`,
  'services/a/application/stock/stock-listener.ts': subscriber('StockListener'),
  'services/a/application/shipping/shipping.reactor.ts': subscriber('ShippingFeed'),
  'libs/shared/audit.consumer.ts': `export class AuditReactor {}`,
};

describe('event rooms', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'event-rooms-'));
    for (const [file, source] of Object.entries(FIXTURE)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), source);
    }
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('given a tree that breaks each rule once, reports exactly those breaches', () => {
    expect(eventRoomBreaches(root)).toEqual([
      'libs/shared/audit.consumer.ts: what reacts to events is a *.reactor.ts',
      'services/a/application/orders/orders.feed.ts: what reacts to events is a *.reactor.ts',
      'services/a/application/shipping/shipping.reactor.ts: exports ShippingFeed, not a …Reactor',
      'services/a/application/stock/stock-listener.ts: subscribes to events, so it is a *.reactor.ts',
      'services/a/interface/ledger.consumer.ts: what reacts to events is a *.reactor.ts',
      'services/a/interface/payments.reactor.ts: a reactor lives in services/a/application/<use case or read model>/',
      'services/a/interface/refunds.controller.ts: interface/ does not subscribe to events; a reactor in application/ does',
    ]);
  });

  it('finds the real services/ and libs/ in their rooms', () => {
    expect(eventRoomBreaches(REPO_ROOT)).toEqual([]);
  });
});
