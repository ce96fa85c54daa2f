/**
 * Display formatting bound to the user's precision setting. Every figure on screen goes through
 * the domain formatters (which round once, with `roundForDisplay`); this only picks the places.
 */
import { computed } from 'vue'
import { storeToRefs } from 'pinia'
import { formatAmount, formatNumber, formatPercent, type Dec } from '@/domain/decimal'
import { useSettingsStore } from '@/stores/settings'

export interface UseDisplayFormatReturn {
  /** '1,493.25 万元'; '—' when missing */
  amount: (value: Dec | null | undefined) => string
  /** '25.70%' with the precision setting; '—' when missing (e.g. a zero budget) */
  percent: (value: Dec | null | undefined) => string
  /** a plain number such as the execution ratio 51.4 (one decimal) */
  ratio: (value: Dec | null | undefined) => string
}

const DASH = '—'

export function useDisplayFormat(): UseDisplayFormatReturn {
  const { settings } = storeToRefs(useSettingsStore())
  const places = computed(() => settings.value.ratePrecision)
  return {
    amount: (value) => (value ? `${formatAmount(value, 2, true)} 万元` : DASH),
    percent: (value) => (value ? formatPercent(value, places.value) : DASH),
    ratio: (value) => (value ? formatNumber(value, 1) : DASH),
  }
}
