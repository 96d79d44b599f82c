import { DynamicModule, Global, Module } from '@nestjs/common';

/** Makes an app's validated environment injectable by its class. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot<T extends object>(env: T): DynamicModule {
    const token = env.constructor as new () => T;
    return {
      module: ConfigModule,
      providers: [{ provide: token, useValue: env }],
      exports: [token],
    };
  }
}
