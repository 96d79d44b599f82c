import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { QualificationAchievedEvent } from '@lr/learning';

/**
 * In-process subscriber: the event itself reached Kafka in the batch's transaction before the bus
 * saw it; this only makes achievements visible in the projector's log.
 */
@EventsHandler(QualificationAchievedEvent)
export class QualificationAchievedHandler implements IEventHandler<QualificationAchievedEvent> {
  private readonly logger = new Logger(QualificationAchievedHandler.name);

  handle(event: QualificationAchievedEvent): void {
    this.logger.log(
      `qualification ${event.base.qualification.code} achieved (claim ${event.claimId})`,
    );
  }
}
