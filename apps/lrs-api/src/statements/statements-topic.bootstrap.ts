import { Injectable, OnModuleInit } from '@nestjs/common';
import { TopicProvisioner, Topics } from '@lr/messaging';

/** The LRS owns the statement topic: it makes sure it exists before taking writes. */
@Injectable()
export class StatementsTopicBootstrap implements OnModuleInit {
  constructor(
    private readonly provisioner: TopicProvisioner,
    private readonly topics: Topics,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.provisioner.ensure([{ topic: this.topics.statements }]);
  }
}
