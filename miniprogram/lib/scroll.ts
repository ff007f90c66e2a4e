import Taro from '@tarojs/taro'

/** After a step: back to the top of the page, where its notice is. */
export function toTop(): void {
  void Taro.pageScrollTo({ scrollTop: 0, duration: 300 }).catch(() => undefined)
}

/** What a button opened (a form, an item) on page `hl-page-{page}`: into view, once it has rendered. */
export function bringIntoView(page: string, className: string): void {
  setTimeout(() => {
    void Taro.pageScrollTo({ selector: `.hl-page-${page} .${className}`, offsetTop: -16, duration: 300 }).catch(() => undefined)
  }, 50)
}
