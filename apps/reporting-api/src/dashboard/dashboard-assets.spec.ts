import { DashboardAssets } from './dashboard-assets';
import { DASHBOARD_PAGE } from './dashboard.page';

describe('DashboardAssets', () => {
  const assets = new DashboardAssets();

  it('serves the stylesheet and icon with their types', () => {
    expect(assets.get('dashboard.css')?.type).toBe('text/css; charset=utf-8');
    expect(assets.get('favicon.svg')?.type).toBe('image/svg+xml');
  });

  it('serves nothing but compiled modules: no sources, no paths out of the folder', () => {
    // Under jest this file runs from src, where ./web holds TypeScript sources only.
    expect(assets.get('dashboard.ts')).toBeUndefined();
    expect(assets.get('../dashboard.controller.ts')).toBeUndefined();
    expect(assets.get('tsconfig.json')).toBeUndefined();
  });

  it('is referred to by the page only through script and link elements, never inline code', () => {
    expect(DASHBOARD_PAGE).toContain('<script type="module" src="/dashboard/assets/dashboard.js">');
    expect(DASHBOARD_PAGE).not.toMatch(/<script(?![^>]*\bsrc=)|<style|\son[a-z]+=|style="/);
  });
});
