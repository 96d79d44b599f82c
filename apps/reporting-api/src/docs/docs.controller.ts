import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { OPENAPI } from './openapi';

@Controller('docs')
@Public()
export class DocsController {
  @Get('openapi.json')
  openapi() {
    return OPENAPI;
  }

  /** A plain page listing the operations; no third-party assets, so it works offline. */
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    const rows = Object.entries(OPENAPI.paths)
      .map(
        ([path, item]) =>
          `<tr><td><code>GET ${path}</code></td><td>${escape(item.get.summary)}</td></tr>`,
      )
      .join('');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${OPENAPI.info.title}</title></head><body><main><h1>${OPENAPI.info.title}</h1><p>${escape(OPENAPI.info.description)}</p><p><a href="/docs/openapi.json">OpenAPI 3 document</a></p><table><thead><tr><th scope="col">Operation</th><th scope="col">What it returns</th></tr></thead><tbody>${rows}</tbody></table></main></body></html>`;
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
