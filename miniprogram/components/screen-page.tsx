import type { ReactNode } from 'react'
import { PageShell } from './page-shell'
import './screen-page.scss'

/**
 * The root of a page for a monitor (the station's duty screen, a meeting's sign-in screen): the
 * classes of screen-page.scss (`hl-screen-heading`, `hl-screen-hint`, `hl-screen-code`,
 * `hl-screen-scene`, `hl-screen-panel`) lay out what the page puts in it.
 */
export function ScreenPage({ name, children }: { name: string; children: ReactNode }) {
  return (
    <PageShell name={name} className='hl-screen-page'>
      {children}
    </PageShell>
  )
}
