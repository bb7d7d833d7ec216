// What a page looks like on a phone, measured in the browser: how far the page scrolls sideways, the elements
// wider than the screen (outside a grid's own scrolling box: only the reports' heat map of hours × weekdays may
// scroll sideways there), and the cells of stacked tables that lack their column's name. The report and admin
// Chromium tests share it (admin-chromium.ts `expectLabelledLines`).
import type { Page } from 'playwright-core';

export interface PhoneLayout {
  readonly pageOverflow: number;
  readonly tooWide: string[];
  /** Table boxes (`.tw`) that scroll sideways, besides those holding a grid (a table not stacked). */
  readonly scrollingBoxes: number;
  readonly stackedCells: number;
  readonly unlabelled: number;
}

export const phoneLayout = (p: Page): Promise<PhoneLayout> =>
  p.evaluate(() => {
    const cells = [...document.querySelectorAll('table.stack td')];
    return {
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
      tooWide: [...document.querySelectorAll('body *')]
        .filter(
          (e) =>
            e.getBoundingClientRect().right > window.innerWidth + 1 &&
            !e.closest('.scroll:has(table:not(.stack)), .sr-only, table.stack thead'),
        )
        .map((e) => `${e.tagName}.${e.className}`)
        .slice(0, 5),
      scrollingBoxes: [...document.querySelectorAll('.tw')].filter(
        (e) => e.scrollWidth > e.clientWidth + 1 && !e.querySelector('table:not(.stack)'),
      ).length,
      stackedCells: cells.length,
      unlabelled: cells.filter((td) => {
        const label = getComputedStyle(td, '::before').content;
        return label === 'none' || label === '""';
      }).length,
    };
  });
