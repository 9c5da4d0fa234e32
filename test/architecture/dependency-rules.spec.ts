/**
 * The boundaries in .dependency-cruiser.cjs (STYLE.md point 9) are only worth something if they
 * bite. Given a miniature repository that breaks each rule once (and keeps it once, as a control),
 * when dependency-cruiser checks it with the project's own configuration, then exactly the
 * breaches are reported. Then the real services/ and libs/ must come out clean.
 *
 * dependency-cruiser is ESM-only and Jest runs this suite as CommonJS, so the suite drives its
 * CLI, the same entry point `npm run lint` uses.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
const CONFIG = join(REPO_ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** The part of depcruise's JSON output this suite reads. */
interface CruiseOutput {
  readonly summary: {
    readonly violations: ReadonlyArray<{ readonly rule: { readonly name: string }; readonly from: string; readonly to: string }>;
  };
}

/** One reported breach, as `from → to`; packages are named, not located in node_modules. */
type Breach = string;

function cruise(cwd: string, roots: readonly string[]): Map<string, Breach[]> {
  const run = spawnSync(process.execPath, [DEPCRUISE, ...roots, '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    // The JSON report of the whole repository (web/ included) is several megabytes.
    maxBuffer: 256 * 1024 * 1024,
  });
  // With the json reporter the exit code reflects only whether the cruise itself worked.
  if (run.status !== 0) throw new Error(`depcruise exited with ${String(run.status)}:\n${run.stderr}`);

  const { summary } = JSON.parse(run.stdout) as CruiseOutput;
  const breachesByRule = new Map<string, Breach[]>();
  for (const { rule, from, to } of summary.violations) {
    const breaches = breachesByRule.get(rule.name) ?? [];
    breaches.push(`${from} → ${packageName(to) ?? to}`);
    breachesByRule.set(rule.name, breaches.sort());
  }
  return breachesByRule;
}

function packageName(resolvedPath: string): string | undefined {
  return /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(resolvedPath)?.[1];
}

/**
 * A repository in miniature: service `a` breaks every rule once, next to code that keeps it.
 * It lives inside the repository so that npm imports resolve to the real node_modules.
 */
const FIXTURE: Readonly<Record<string, string>> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      baseUrl: '.',
      paths: {
        '@osteo/contracts': ['libs/contracts/index.ts'],
        '@osteo/event-sourcing': ['libs/event-sourcing/index.ts'],
        '@osteo/event-sourcing/rejection': ['libs/event-sourcing/rejection.ts'],
        '@osteo/http': ['libs/http/index.ts'],
        '@osteo/access-policy': ['libs/auth/access/access-policy.ts'],
      },
    },
  }),

  'libs/contracts/index.ts': `export interface OrderPlaced { readonly type: 'OrderPlaced'; readonly orderId: string }`,
  'libs/contracts/order-schema.ts': `import { IsString } from 'class-validator';\nexport class OrderSchema { @IsString() orderId!: string }`,
  'libs/event-sourcing/decider.ts': `export interface Decider<C, E, S> { decide(command: C, state: S): E[]; evolve(state: S, event: E): S }`,
  'libs/event-sourcing/rejection.ts': `export class Rejection extends Error { constructor(readonly kind: 'invalid' | 'not_found', readonly code: string) { super(code); } }`,
  'libs/event-sourcing/sqlite-event-store.ts': `import Database from 'better-sqlite3';\nexport const open = (file: string) => new Database(file);`,
  'libs/event-sourcing/index.ts': `export * from './decider';\nexport * from './sqlite-event-store';`,
  'libs/http/index.ts': `import type { Rejection } from '../event-sourcing/rejection';\nexport const statusFor = (rejection: Rejection) => (rejection.kind === 'invalid' ? 400 : 404);`,
  'libs/messaging/order-relay.ts': `import { placeOrder } from '../../services/a/application/place-order';\nexport const relay = placeOrder;`,

  // The keeper: own domain, contracts, the decider types and the rejection. Its cycle with
  // order-events is closed by an `import type`, which compiles away.
  'services/a/domain/order.ts': [
    `import type { OrderPlaced } from '@osteo/contracts';`,
    `import type { Decider } from '../../../libs/event-sourcing/decider';`,
    `import { Rejection } from '@osteo/event-sourcing/rejection';`,
    `import { ORDER_PLACED, type OrderEvent } from './order-events';`,
    `export interface OrderState { readonly placed: boolean }`,
    `export const order: Decider<OrderPlaced, OrderEvent, OrderState> = {`,
    `  decide: (command, state) => {`,
    `    if (state.placed) throw new Rejection('invalid', 'ORDER.ALREADY_PLACED');`,
    `    return [{ type: ORDER_PLACED, orderId: command.orderId }];`,
    `  },`,
    `  evolve: () => ({ placed: true }),`,
    `};`,
  ].join('\n'),
  'services/a/domain/order-events.ts': `import type { OrderState } from './order';\nexport const ORDER_PLACED = 'OrderPlaced';\nexport interface OrderEvent { readonly type: typeof ORDER_PLACED; readonly orderId: string; readonly after?: OrderState }`,
  // Test tooling is fine in a domain's tests.
  'services/a/domain/order.spec.ts': `import fc from 'fast-check';\nimport { order } from './order';\nexport const property = fc.property(fc.string(), (id) => order.decide({ type: 'OrderPlaced', orderId: id }, { placed: false }).length === 1);`,
  // The breaker: every import below is one breach of domain-is-pure.
  'services/a/domain/invoice.ts': [
    `import type { Injectable } from '@nestjs/common';`,
    `import { readFileSync } from 'node:fs';`,
    `import type { Decider } from '@osteo/event-sourcing';`,
    `import { placeOrder } from '../application/place-order';`,
    `import { OrderRepository } from '../infrastructure/order-repository';`,
    `import { OrderController } from '../interface/order.controller';`,
    `export type Invoice = [Injectable, Decider<never, never, never>];`,
    `export const uses = [readFileSync, placeOrder, OrderRepository, OrderController];`,
  ].join('\n'),

  'services/a/application/place-order.ts': `import { invoiceTotal } from '../../b/domain/invoice';\nexport const placeOrder = invoiceTotal;`,
  // A use case refuses with the kernel's rejection (kept) but reaches for HTTP or the interface (broken).
  'services/a/application/ship-order.ts': `import { Rejection } from '@osteo/event-sourcing/rejection';\nimport { order } from '../domain/order';\nexport const shipOrder = (placed: boolean) => { if (!placed) throw new Rejection('not_found', 'ORDER.NOT_FOUND'); return order; };`,
  'services/a/application/cancel-order.ts': [
    `import { statusFor } from '@osteo/http';`,
    `import { Rejection } from '../../../libs/event-sourcing/rejection';`,
    `import { OrderController } from '../interface/order.controller';`,
    `export const cancelOrder = () => statusFor(new Rejection('invalid', 'ORDER.NOT_CANCELLABLE')) + String(OrderController);`,
  ].join('\n'),
  'services/a/infrastructure/order-repository.ts': `import { OrderSchema } from './order.schema';\nexport class OrderRepository { readonly schema = OrderSchema }`,
  'services/a/infrastructure/order.schema.ts': `import { OrderRepository } from './order-repository';\nexport const OrderSchema = { repository: OrderRepository };`,
  // The interface is where HTTP belongs: it calls the use case and maps its rejections.
  'services/a/interface/order.controller.ts': [
    `import { statusFor } from '@osteo/http';`,
    `import { shipOrder } from '../application/ship-order';`,
    `import { PlaceOrderDto } from './place-order.dto';`,
    `export class OrderController { readonly dto = PlaceOrderDto; readonly uses = [statusFor, shipOrder] }`,
  ].join('\n'),

  'services/b/domain/invoice.ts': `export const invoiceTotal = (): number => 0;`,

  // The access policy is shared with the browser: pure, or the web bundle would pull the server in.
  'libs/auth/access/access-policy.ts': `import type { OrderPlaced } from '@osteo/contracts';\nimport { createHash } from 'node:crypto';\nexport const can = (order: OrderPlaced) => createHash('sha256').update(order.orderId).digest('hex') !== '';`,
  // The web bundle may use the policy and the contracts' types, nothing else of the server.
  'web/src/menu.ts': `import { can } from '@osteo/access-policy';\nimport type { OrderPlaced } from '@osteo/contracts';\nexport const show = (order: OrderPlaced) => can(order);`,
  'web/src/orders.ts': `import { placeOrder } from '../../services/a/application/place-order';\nimport { open } from '../../libs/event-sourcing/sqlite-event-store';\nexport const uses = [placeOrder, open];`,

  // A composition root is no service: it may wire them all.
  'services/embedded.main.ts': `import { placeOrder } from './a/application/place-order';\nimport { invoiceTotal } from './b/domain/invoice';\nexport const modules = [placeOrder, invoiceTotal];`,
};

function writeFixture(): string {
  const cacheDir = join(REPO_ROOT, '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const root = mkdtempSync(join(cacheDir, 'arch-fixture-'));
  for (const [file, content] of Object.entries(FIXTURE)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), `${content}\n`);
  }
  return root;
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  describe('given a repository that breaks each rule once', () => {
    let fixtureRoot: string;
    let breaches: Map<string, Breach[]>;

    beforeAll(() => {
      fixtureRoot = writeFixture();
      breaches = cruise(fixtureRoot, ['services', 'libs', 'web']);
    });

    afterAll(() => {
      rmSync(fixtureRoot, { recursive: true, force: true });
    });

    it('domain-is-pure: a domain reaches no other layer, package, built-in or impure lib', () => {
      expect(breaches.get('domain-is-pure')).toEqual([
        'services/a/domain/invoice.ts → @nestjs/common',
        'services/a/domain/invoice.ts → fs',
        'services/a/domain/invoice.ts → libs/event-sourcing/index.ts',
        'services/a/domain/invoice.ts → services/a/application/place-order.ts',
        'services/a/domain/invoice.ts → services/a/infrastructure/order-repository.ts',
        'services/a/domain/invoice.ts → services/a/interface/order.controller.ts',
      ]);
    });

    it('pure-kernel-stays-pure: the libs a domain may use import nothing impure', () => {
      expect(breaches.get('pure-kernel-stays-pure')).toEqual(['libs/contracts/order-schema.ts → class-validator']);
    });

    it('application-knows-no-transport: a use case imports neither @osteo/http nor its interface', () => {
      expect(breaches.get('application-knows-no-transport')).toEqual([
        'services/a/application/cancel-order.ts → libs/http/index.ts',
        'services/a/application/cancel-order.ts → services/a/interface/order.controller.ts',
      ]);
    });

    it('no-service-imports-another-service: but a composition root under services/ may', () => {
      expect(breaches.get('no-service-imports-another-service')).toEqual([
        'services/a/application/place-order.ts → services/b/domain/invoice.ts',
      ]);
    });

    it('libs-do-not-import-services', () => {
      expect(breaches.get('libs-do-not-import-services')).toEqual([
        'libs/messaging/order-relay.ts → services/a/application/place-order.ts',
      ]);
    });

    it('no-circular: a runtime cycle is caught, one closed by `import type` is not', () => {
      // Reported once, on the edge where the cruise first closes the cycle.
      expect(breaches.get('no-circular')).toEqual([
        'services/a/infrastructure/order-repository.ts → services/a/infrastructure/order.schema.ts',
      ]);
    });

    it('not-to-unresolvable', () => {
      expect(breaches.get('not-to-unresolvable')).toEqual(['services/a/interface/order.controller.ts → ./place-order.dto']);
    });

    it('web-reaches-only-the-pure-policy: the browser bundle imports the policy and contracts only', () => {
      expect(breaches.get('web-reaches-only-the-pure-policy')).toEqual([
        'web/src/orders.ts → libs/event-sourcing/sqlite-event-store.ts',
        'web/src/orders.ts → services/a/application/place-order.ts',
      ]);
    });

    it('shared-policy-stays-pure: the policy the browser runs imports nothing impure', () => {
      expect(breaches.get('shared-policy-stays-pure')).toEqual(['libs/auth/access/access-policy.ts → crypto']);
    });

    it('reports nothing else', () => {
      expect([...breaches.keys()].sort()).toEqual([
        'application-knows-no-transport',
        'domain-is-pure',
        'libs-do-not-import-services',
        'no-circular',
        'no-service-imports-another-service',
        'not-to-unresolvable',
        'pure-kernel-stays-pure',
        'shared-policy-stays-pure',
        'web-reaches-only-the-pure-policy',
      ]);
    });
  });

  it('the real services, libs and web application keep every rule', () => {
    expect(Object.fromEntries(cruise(REPO_ROOT, ['services', 'libs', 'web/src']))).toEqual({});
  });
});
