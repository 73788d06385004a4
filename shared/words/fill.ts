// Sentences with named gaps ("use port {port}"), filled in one step: each sentence stays whole in
// its word table (a translator sees and reorders the whole sentence; nothing is glued from parts).
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (gap, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`no value for ${gap} in "${template}"`)
    return String(value)
  })
}
