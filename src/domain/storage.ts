/** How safely the browser keeps this app's data: the words db/storage answers in and the screen shows. */

/** Whether the browser has promised not to evict our data under storage pressure (`navigator.storage`). */
export type PersistenceStatus = 'persisted' | 'not-persisted' | 'unsupported'

/** Bytes used and available to this origin, as the browser estimates them. */
export interface StorageEstimate {
  usage: number
  quota: number
}
