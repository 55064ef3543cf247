// Opens a running service's /docs (Swagger UI) and /redoc (ReDoc) in the system's headless
// Chromium with the network closed: every request to another host than the service's is aborted
// and reported in "blocked". Prints one JSON document on stdout and exits 1 when a request was
// aborted or a page did not render its operations. Per page it also reports uncaught errors,
// console errors, failed requests and Content-Security-Policy violations, for the caller to judge.
//
//   node docs.mjs BASE_URL [--screenshots DIR] [--timeout-ms N]
//
// CHROMIUM_PATH names the browser (default /usr/bin/chromium, Debian's package).

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

function parseArgs(argv) {
  const options = { base: null, screenshots: null, timeoutMs: 30000 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--screenshots') options.screenshots = argv[(i += 1)];
    else if (arg === '--timeout-ms') options.timeoutMs = Number(argv[(i += 1)]);
    else if (options.base === null) options.base = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!options.base) throw new Error('usage: node docs.mjs BASE_URL [--screenshots DIR]');
  return options;
}

// Swagger UI: one section per tag (h3[data-tag]), one .opblock per operation, whose id is
// "operations-<tag>-<operationId>".
async function readSwagger(page, timeoutMs) {
  await page.waitForSelector('.opblock', { timeout: timeoutMs });
  return page.evaluate(() => {
    const tags = [];
    const operations = [];
    for (const section of document.querySelectorAll('.opblock-tag-section')) {
      const tag = section.querySelector('[data-tag]')?.getAttribute('data-tag');
      if (!tag) continue;
      tags.push(tag);
      const prefix = `operations-${tag}-`;
      for (const block of section.querySelectorAll('.opblock')) {
        const id = block.id || '';
        operations.push(id.startsWith(prefix) ? id.slice(prefix.length) : id);
      }
    }
    return {
      title: document.querySelector('.info .title')?.textContent?.trim() ?? null,
      tags,
      operations,
    };
  });
}

// ReDoc: sections "tag/<tag>" and "tag/<tag>/operation/<operationId>".
async function readRedoc(page, timeoutMs) {
  await page.waitForSelector('[data-section-id*="/operation/"]', { timeout: timeoutMs });
  return page.evaluate(() => {
    const tags = [];
    const operations = [];
    for (const element of document.querySelectorAll('[data-section-id]')) {
      const id = element.getAttribute('data-section-id');
      const operation = /^tag\/[^/]+\/operation\/(.+)$/.exec(id);
      const tag = /^tag\/([^/]+)$/.exec(id);
      if (operation) operations.push(operation[1]);
      else if (tag) tags.push(tag[1]);
    }
    return {
      title: document.querySelector('.api-info h1')?.textContent?.trim() ?? null,
      tags: [...new Set(tags)],
      operations: [...new Set(operations)],
    };
  });
}

const PAGES = [
  { name: 'docs', path: '/docs', read: readSwagger },
  { name: 'redoc', path: '/redoc', read: readRedoc },
];

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const base = new URL(options.base);
  const result = { base: base.origin, blocked: [], pages: {} };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === base.origin) return route.continue();
      result.blocked.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    for (const spec of PAGES) {
      const page = await context.newPage();
      const report = {
        url: base.origin + spec.path,
        errors: [],
        console_errors: [],
        failed: [],
        violations: [],
      };
      page.on('pageerror', (error) => report.errors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') report.console_errors.push(message.text());
      });
      page.on('requestfailed', (request) =>
        report.failed.push({
          url: request.url(),
          type: request.resourceType(),
          error: request.failure()?.errorText ?? null,
        }),
      );
      await page.exposeFunction('reportViolation', (violation) => report.violations.push(violation));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) =>
          window.reportViolation({ directive: event.effectiveDirective, blocked: event.blockedURI }),
        );
      });
      const answer = await page.goto(report.url, { waitUntil: 'load', timeout: options.timeoutMs });
      report.status = answer?.status() ?? null;
      try {
        Object.assign(report, { rendered: true }, await spec.read(page, options.timeoutMs));
      } catch (error) {
        Object.assign(report, { rendered: false, tags: [], operations: [] });
        report.errors.push(String(error));
      }
      await page.waitForLoadState('networkidle', { timeout: options.timeoutMs }).catch(() => {});
      if (options.screenshots) {
        mkdirSync(options.screenshots, { recursive: true });
        await page.screenshot({ path: path.join(options.screenshots, `${spec.name}.png`) });
      }
      result.pages[spec.name] = report;
      await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
  }
  const rendered = Object.values(result.pages).every((p) => p.rendered && p.status === 200);
  result.ok = rendered && result.blocked.length === 0;
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exitCode = result.ok ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exitCode = 2;
});
