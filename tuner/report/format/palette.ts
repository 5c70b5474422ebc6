/**
 * Chart colours: the Okabe–Ito palette, distinguishable with every common colour-vision
 * deficiency; series differ by dash pattern or marker shape as well, never by colour alone.
 */
export const Palette = {
  BLUE: '#0072B2',
  ORANGE: '#E69F00',
  SKY: '#56B4E9',
  GREEN: '#009E73',
  YELLOW: '#F0E442',
  VERMILLION: '#D55E00',
  PURPLE: '#CC79A7',
  BLACK: '#000000',
  GREY: '#6b6b6b',
} as const;
export type PaletteColour = (typeof Palette)[keyof typeof Palette];

/** The bill's parts, in stacking order, each with its colour and label. */
export const COST_PART_STYLES = [
  { part: 'requests', label: 'requests', colour: Palette.GREY },
  { part: 'duration', label: 'on-demand duration', colour: Palette.BLUE },
  { part: 'init', label: 'INIT', colour: Palette.VERMILLION },
  { part: 'provisioned', label: 'PC allocation', colour: Palette.ORANGE },
  { part: 'provisionedDuration', label: 'PC duration', colour: Palette.SKY },
] as const;
