import { Injectable } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_STYLES } from './dashboard.styles';

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#1d70b8"/><rect x="3" y="8" width="2" height="5" fill="#fff"/><rect x="7" y="5" width="2" height="8" fill="#fff"/><rect x="11" y="3" width="2" height="10" fill="#fff"/></svg>';

export interface Asset {
  readonly type: string;
  readonly body: string;
}

/**
 * The dashboard's stylesheet and script modules, read once at start. The modules are compiled
 * from ./web by the build (its own tsconfig: browser, ES modules) next to this file in dist.
 */
@Injectable()
export class DashboardAssets {
  private readonly assets = new Map<string, Asset>([
    ['dashboard.css', { type: 'text/css; charset=utf-8', body: DASHBOARD_STYLES }],
    ['favicon.svg', { type: 'image/svg+xml', body: FAVICON }],
  ]);

  constructor() {
    const dir = join(__dirname, 'web');
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.js'))) {
      const body = readFileSync(join(dir, name), 'utf8');
      this.assets.set(name, { type: 'text/javascript; charset=utf-8', body });
    }
  }

  /** Only names found at start are served, so a path can never reach outside the folder. */
  get(name: string): Asset | undefined {
    return this.assets.get(name);
  }
}
