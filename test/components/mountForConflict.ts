/**
 * What the two-tab conflict tests of the editors share (docs/reliability.md §3): each test starts on
 * a fresh store and an empty app database, mounts its editor into the document (Element Plus renders
 * the conflict question and its messages there), plays "the other tab" by writing through db/*
 * directly, and answers the question by its buttons.
 *
 * The test file itself imports 'fake-indexeddb/auto' first (Dexie finds `indexedDB` when it loads)
 * and runs in jsdom (`// @vitest-environment jsdom`).
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { db } from '@/db/schema'
import { until } from './entry/until'

/** For `beforeEach`: a new Pinia, an empty document and every table of the app database cleared. */
export async function freshApp(): Promise<void> {
  setActivePinia(createPinia())
  document.body.innerHTML = ''
  await Promise.all(db.tables.map((t) => t.clear()))
}

/**
 * Mounts `component` into the document with `props`; with `open`, as a dialog (v-model) that opens
 * after mounting, the way a page opens it. Resolves once the mount's own promises have settled.
 */
export async function mountForConflict(
  component: Component,
  props: Record<string, unknown>,
  options: { open?: boolean } = {},
): Promise<VueWrapper> {
  const w = mount(component, { props: options.open ? { ...props, modelValue: false } : props, attachTo: document.body })
  if (options.open) await w.setProps({ modelValue: true })
  await flushPromises()
  return w
}

/** The field (input or textarea) of a `data-testid`, itself or inside an Element Plus wrapper; throws while there is none. */
export function field(testId: string): HTMLInputElement | HTMLTextAreaElement {
  const el = document.querySelector(`[data-testid="${testId}"]`)
  const found = el?.matches('input, textarea') ? el : el?.querySelector('input, textarea')
  if (!(found instanceof HTMLInputElement || found instanceof HTMLTextAreaElement))
    throw new Error(`no field ${testId}`)
  return found
}

/** Types `value` into the field as a user would (one input event). */
export async function type(testId: string, value: string): Promise<void> {
  const el = field(testId)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

/** Clicks the button of a `data-testid`. */
export function click(testId: string): void {
  const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)
  if (!button) throw new Error(`no button ${testId}`)
  button.click()
}

/** The message box's button with this text (覆盖, 放弃我的修改), if the box is open. */
export function boxButton(text: string): HTMLButtonElement | undefined {
  return [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find(
    (b) => b.textContent?.trim() === text,
  )
}

/** Waits for the conflict question (Element Plus opens it after a transition tick). */
export async function messageBox(): Promise<HTMLElement> {
  let box: HTMLElement | null = null
  await until(() => (box = document.querySelector<HTMLElement>('.el-message-box')) !== null)
  if (!box) throw new Error('no message box')
  return box
}
