import { Injectable } from '@nestjs/common';

/** Time as a dependency, so decisions that read it can be tested with a fixed instant. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
