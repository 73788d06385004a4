// The QR code as an SVG image, made by the `qrcode` library. Loaded on first use, as a chunk of its
// own, so the window's start-up bundle does not grow for people who never open the phone route.
// Error correction M (15 %) keeps the code small enough for a phone camera at arm's length.
export async function qrSvg(text: string): Promise<string> {
  const mod = await import('qrcode')
  // The library is CommonJS; the bundler hands its exports over as `default` or as the module.
  const lib = ('default' in mod ? mod.default : mod) as typeof mod
  return lib.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
}

export const svgDataUrl = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
