import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Viewer } from './viewer';

export const VIEWER = Symbol('viewer');

export const CurrentViewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Viewer =>
    context.switchToHttp().getRequest<Record<symbol, Viewer>>()[VIEWER]!,
);
