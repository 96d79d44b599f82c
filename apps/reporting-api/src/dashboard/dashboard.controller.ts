import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { DashboardAssets } from './dashboard-assets';
import { DASHBOARD_PAGE } from './dashboard.page';

/** Only this origin's scripts, styles and API: no inline code, nothing from elsewhere. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The page and its assets are public: the data behind them needs the viewer's token. */
@Controller('dashboard')
@Public()
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CONTENT_SECURITY_POLICY)
  @Header('x-content-type-options', 'nosniff')
  @Header('referrer-policy', 'no-referrer')
  page(): string {
    return DASHBOARD_PAGE;
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException('no such dashboard asset');
    void reply.header('content-type', asset.type).header('x-content-type-options', 'nosniff');
    return asset.body;
  }
}
