import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuthenticationGuard } from './authentication.guard';
import { JwtStrategy } from './jwt.strategy';
import { TokenSigningKey } from './token-signing-key';

/** Verifies access tokens on every route of the process that imports it (once, at the root). */
@Module({})
export class AuthenticationModule {
  static forRoot(key: TokenSigningKey): DynamicModule {
    return {
      module: AuthenticationModule,
      global: true,
      imports: [PassportModule],
      providers: [
        { provide: TokenSigningKey, useValue: key },
        JwtStrategy,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
      ],
      exports: [TokenSigningKey],
    };
  }
}
