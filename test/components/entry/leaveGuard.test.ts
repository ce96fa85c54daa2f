// @vitest-environment jsdom
/**
 * The entry leave guard (src/composables/useEntryLeaveGuard.ts): it asks before unsaved figures are
 * lost, and a save under way is waited for first, so leaving right after 保存 does not ask about the
 * figures being written, yet still asks when that save left something unsaved.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import { useEntryLeaveGuard } from '@/composables/useEntryLeaveGuard'
import { useCheckedSave } from '@/composables/useCheckedSave'

const dirty = ref(false)
let saving: Promise<void> | null = null

const Entry = defineComponent({
  setup() {
    useEntryLeaveGuard({ dirty: () => dirty.value, what: '月度执行数', pending: () => saving })
    return () => h('div', '录入')
  },
})

async function onEntryPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/entry', component: Entry },
      { path: '/overview', component: { render: () => h('div', '概览') } },
    ],
  })
  await router.push('/entry')
  mount(RouterView, { global: { plugins: [router] }, attachTo: document.body })
  await router.isReady()
  await flushPromises()
  return router
}

/** A save that settles when `finish` is called, leaving `dirty` as the save would. */
function saveUnderWay(leavesUnsaved: boolean): () => void {
  let finish = () => undefined as void
  saving = new Promise<void>((resolve) => {
    finish = () => {
      dirty.value = leavesUnsaved
      resolve()
    }
  })
  return finish
}

const dialogText = () => document.body.querySelector('.el-message-box')?.textContent ?? ''

afterEach(() => {
  dirty.value = false
  saving = null
  document.body.innerHTML = ''
})

describe('leaving the entry page while a save is under way', () => {
  it('waits for the save and leaves without asking once it has written every change', async () => {
    const router = await onEntryPage()
    dirty.value = true
    const finish = saveUnderWay(false)
    const leaving = router.push('/overview')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/entry') // held until the save settles
    expect(dialogText()).toBe('')
    finish()
    await leaving
    expect(router.currentRoute.value.path).toBe('/overview')
    expect(dialogText()).toBe('')
  })

  it('asks after the save when it left figures unsaved (refused), and stays if told to', async () => {
    const router = await onEntryPage()
    dirty.value = true
    const finish = saveUnderWay(true)
    const leaving = router.push('/overview')
    await flushPromises()
    expect(dialogText()).toBe('')
    finish()
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(dialogText()).toContain('有尚未保存的月度执行数，离开后这些修改将丢失。是否仍要离开？')
    document.body.querySelector<HTMLButtonElement>('.el-message-box__btns button')?.click() // 留在此处
    await leaving
    expect(router.currentRoute.value.path).toBe('/entry')
  })

  it('asks at once when nothing is being saved', async () => {
    const router = await onEntryPage()
    dirty.value = true
    const leaving = router.push('/overview')
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(dialogText()).toContain('尚未保存')
    const buttons = [...document.body.querySelectorAll<HTMLButtonElement>('.el-message-box__btns button')]
    expect(buttons.map((b) => b.textContent?.trim())).toStrictEqual(['留在此处', '放弃修改并离开'])
    buttons[1]?.click()
    await leaving
    expect(router.currentRoute.value.path).toBe('/overview')
  })
})

describe('the save the guard waits for', () => {
  it('is useCheckedSave’s cycle while it runs, and null once it has settled', async () => {
    let write = (_: boolean) => undefined as void
    const saved: string[] = []
    const { save, pending } = useCheckedSave<string, string, never>({
      attempt: () =>
        new Promise((resolve) => {
          write = (ok) =>
            resolve({
              mine: '月度执行数',
              result: ok ? { ok: true, value: '已保存' } : { ok: false, messages: ['磁盘已满'] },
            })
        }),
      saved: (value) => saved.push(value),
      refused: (messages) => saved.push(...messages),
      ask: async () => 'keep',
      takeTheirs: () => undefined,
    })
    expect(pending()).toBeNull()
    const first = save()
    expect(pending()).toBe(first)
    write(true)
    await first
    expect(pending()).toBeNull()
    const second = save()
    expect(pending()).toBe(second)
    write(false)
    await second
    expect(pending()).toBeNull()
    expect(saved).toStrictEqual(['已保存', '磁盘已满'])
  })
})
