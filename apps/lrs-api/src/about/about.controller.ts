import { Controller, Get } from '@nestjs/common';
import { SUPPORTED_VERSIONS } from '../common/xapi-version';

@Controller('xapi/about')
export class AboutController {
  @Get()
  about() {
    return { version: [...SUPPORTED_VERSIONS], extensions: {} };
  }
}
