// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import LightBadge from '@/components/lights/LightBadge.vue'
import type { Light } from '@/domain/types'

describe('LightBadge', () => {
  it('gives every light its own symbol and word, so it reads without colour', () => {
    const lights: Light[] = ['red', 'yellow', 'green', 'blue', 'grey']
    const texts = lights.map((light) => mount(LightBadge, { props: { light } }).text())
    expect(texts).toEqual(['✖ 红灯', '▲ 黄灯', '● 绿灯', '◆ 蓝灯', '○ 灰灯'])
  })

  it('adds the meaning when asked: 红灯（严重偏离）', () => {
    const wrapper = mount(LightBadge, { props: { light: 'red', showMeaning: true } })
    expect(wrapper.text()).toBe('✖ 红灯（严重偏离）')
    expect(wrapper.attributes('data-light')).toBe('red')
  })
})
