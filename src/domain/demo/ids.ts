/** The demo unit's keys, apart from its data so pages can recognise it without loading the dataset. */
export const DEMO_UNIT_ID = 'demo-qiemo-zrzyj'
export const DEMO_YEAR = 2021
export const DEMO_NODE_ID = 'demo-qiemo-2021-06'
