// @vitest-environment jsdom
/**
 * The 概览 paints its KPIs before the charts and tables below them: AfterFirstPaint shows its slot
 * only after a frame has gone by, and then keeps it (a node switch redraws in place).
 */
import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { h, nextTick } from 'vue'
import AfterFirstPaint from '@/components/common/AfterFirstPaint.vue'

describe('AfterFirstPaint', () => {
  it('shows a placeholder first, the slot after the next frame, and keeps the slot through prop changes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
    try {
      const wrapper = mount(AfterFirstPaint, {
        props: { minHeight: '300px', label: '正在整理图表和明细…' },
        slots: { default: () => h('p', { class: 'figure' }, '执行率25.70%') },
      })
      expect(wrapper.find('.figure').exists()).toBe(false)
      expect(wrapper.text()).toBe('正在整理图表和明细…')
      expect(wrapper.find('[aria-busy="true"]').attributes('style')).toContain('min-height: 300px')
      vi.advanceTimersToNextFrame()
      await nextTick()
      expect(wrapper.find('.figure').exists()).toBe(false) // the frame is painted; the slot comes in the task after it
      expect(wrapper.emitted('shown')).toBeUndefined()
      vi.advanceTimersByTime(1)
      await nextTick()
      expect(wrapper.find('.figure').text()).toBe('执行率25.70%')
      expect(wrapper.emitted('shown')).toHaveLength(1)
      await wrapper.setProps({ label: '其他' })
      expect(wrapper.find('.figure').exists()).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('schedules nothing after it is gone', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
    try {
      const wrapper = mount(AfterFirstPaint, { slots: { default: () => h('p', '图') } })
      wrapper.unmount()
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
