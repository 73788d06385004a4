// "Which mail program do you use?": the guess from the operating system, and each program's route.
import { describe, expect, it } from 'vitest'
import { exportChoices } from '@shared/export/choices'
import { guessProgram, mailPrograms, routeOf } from '../../renderer/src/export/programs'

describe('the program guessed from the operating system', () => {
  it.each([
    [{ userAgentData: { platform: 'Windows' } }, 'outlook-new'],
    [{ platform: 'Win32' }, 'outlook-new'],
    [{ userAgentData: { platform: 'macOS' }, platform: 'MacIntel' }, 'apple-mail'],
    [{ platform: 'Linux x86_64' }, 'thunderbird'],
    [{ userAgentData: { platform: 'Android' }, platform: 'Linux armv8l' }, 'android'],
    [{ platform: 'iPhone' }, 'iphone'],
    [{ platform: '' }, 'other'],
    [{}, 'other'],
  ] as const)('%j → %s', (hints, program) => {
    expect(guessProgram(hints)).toBe(program)
  })
})

describe('each program’s route', () => {
  it.each(mailPrograms)('%s has steps and saves a file the Export step offers', (program) => {
    const route = routeOf(program)
    expect(route.steps.length).toBeGreaterThan(1)
    expect(exportChoices).toContain(route.choice)
    if (route.aside) expect(exportChoices).toContain(route.aside.choice)
    // Never the program's installation folder (admin rights); Thunderbird's profile is the person's own.
    expect(JSON.stringify(route)).not.toMatch(/Program Files|installation folder|\/isp\//)
  })

  it('phones get the QR code (Android) and the profile (iPhone), never a file they cannot open', () => {
    expect(routeOf('android').kind).toBe('qr')
    expect(routeOf('iphone')).toMatchObject({ kind: 'file', choice: 'apple' })
    expect(routeOf('outlook-classic')).toMatchObject({ kind: 'file', choice: 'outlook-prf' })
    expect(routeOf('outlook-new').kind).toBe('type')
  })
})
