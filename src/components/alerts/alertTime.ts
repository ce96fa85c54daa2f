/** How review times read on the 预警 page: the stored ISO instant in the user's time zone. */
const pad = (n: number) => String(n).padStart(2, '0')

/** '2021-07-05' */
export function localDate(at: string): string {
  const d = new Date(at)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** '2021-07-05 16:30' */
export function localDateTime(at: string): string {
  const d = new Date(at)
  return `${localDate(at)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
