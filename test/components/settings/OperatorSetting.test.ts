// @vitest-environment jsdom
/**
 * 当前操作人 set on 设置 is the header's and the 批示's: one name per device, in localStorage.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import OperatorSetting from '@/components/settings/OperatorSetting.vue'
import { OPERATOR_KEY, useOperatorStore } from '@/stores/operator'

describe('设置 › 当前操作人', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('shows the remembered name and keeps what is typed for the next session', async () => {
    localStorage.setItem(OPERATOR_KEY, '才茨柯')
    const wrapper = mount(OperatorSetting, { global: { plugins: [ElementPlus] } })
    const input = wrapper.get('input[data-testid="settings-operator"]')
    expect((input.element as HTMLInputElement).value).toBe('才茨柯')
    await input.setValue('王芳 ')
    expect(useOperatorStore().name).toBe('王芳 ')
    expect(localStorage.getItem(OPERATOR_KEY)).toBe('王芳')
    setActivePinia(createPinia())
    expect(useOperatorStore().name).toBe('王芳')
  })
})
