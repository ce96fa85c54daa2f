// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import AlertHistory from '@/components/alerts/AlertHistory.vue'

describe('AlertHistory', () => {
  it('lists each event with its kind, name, local time and text, oldest first', () => {
    const wrapper = mount(AlertHistory, {
      props: {
        events: [
          { at: '2021-07-05T08:30:00.000Z', by: '才茨柯', kind: 'comment', text: '加快支付' },
          { at: '2021-07-06T01:00:00.000Z', by: '姜西军', kind: 'close', text: '已说明' },
        ],
      },
    })
    const items = wrapper.findAll('li').map((li) => li.text().replace(/\s+/g, ' '))
    expect(items[0]).toMatch(/^批示才茨柯2021-07-0\d \d\d:30加快支付$/)
    expect(items[1]).toMatch(/^关闭姜西军/)
  })

  it('says when nothing was done yet', () => {
    expect(mount(AlertHistory, { props: { events: [] } }).text()).toBe('尚无批示或处理记录。')
  })
})
