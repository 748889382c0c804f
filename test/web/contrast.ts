/**
 * WCAG 2.x contrast of the text a page shows, measured in the page itself:
 * every visible element with its own text, its computed colour against the
 * first opaque background behind it. AA: 4.5:1, or 3:1 for large text
 * (24 px, or 18.66 px bold).
 */
import type { Page } from 'playwright-core'

export interface ContrastFailure {
  text: string
  color: string
  background: string
  ratio: number
  needed: number
}

/** Elements whose text is below AA contrast on the page as it is now. */
export async function contrastFailures (page: Page): Promise<ContrastFailure[]> {
  return await page.evaluate(() => {
    const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number)
    const channel = (v: number): number => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4 }
    const luminance = ([r, g, b]: number[]): number => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    const backgroundOf = (el: Element | null): string => {
      for (let e = el; e !== null; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor
        const alpha = rgb(bg)[3]
        if (bg !== 'transparent' && (alpha === undefined || alpha > 0.9)) return bg
      }
      return 'rgb(255, 255, 255)'
    }
    const failures: ContrastFailure[] = []
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes).filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent ?? '').join('').trim()
      if (own === '' || el.closest('[aria-hidden="true"], .visually-hidden') !== null) continue
      const box = el.getBoundingClientRect()
      const style = getComputedStyle(el)
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue
      const fg = luminance(rgb(style.color))
      const bg = luminance(rgb(backgroundOf(el)))
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)
      const size = parseFloat(style.fontSize)
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      const needed = large ? 3 : 4.5
      if (ratio < needed) failures.push({ text: own.slice(0, 40), color: style.color, background: backgroundOf(el), ratio: Math.round(ratio * 100) / 100, needed })
    }
    return failures
  })
}
