// Product pictures and merchant logos drawn as SVG, so the demo needs no image files and no network.
import type { Category } from '../../web/lib/protocol/metadata.ts';

const GLYPHS: Record<Category, string> = {
  // a cup with steam
  tea: '<path d="M-70 -10 h140 v40 a70 70 0 0 1 -140 0 z" /><path d="M70 5 a22 22 0 0 1 0 44" fill="none" stroke-width="10"/><path d="M-30 -40 q15 -20 0 -40 M0 -40 q15 -20 0 -40 M30 -40 q15 -20 0 -40" fill="none" stroke-width="8"/>',
  // a vase
  ceramics: '<path d="M-25 -90 h50 v20 q45 30 45 90 q0 60 -45 80 h-50 q-45 -20 -45 -80 q0 -60 45 -90 z" />',
  // a chip
  electronics: '<rect x="-60" y="-60" width="120" height="120" rx="10"/><path d="M-80 -40 h20 M-80 0 h20 M-80 40 h20 M60 -40 h20 M60 0 h20 M60 40 h20 M-40 -80 v20 M0 -80 v20 M40 -80 v20 M-40 60 v20 M0 60 v20 M40 60 v20" fill="none" stroke-width="8"/>',
  // a shirt
  apparel: '<path d="M-40 -80 l-60 30 l20 40 l25 -10 v100 h110 v-100 l25 10 l20 -40 l-60 -30 q-40 30 -80 0 z" />',
  // a book
  books: '<path d="M-90 -60 q45 -20 90 0 q45 -20 90 0 v130 q-45 -20 -90 0 q-45 -20 -90 0 z" /><path d="M0 -60 v130" fill="none" stroke-width="6"/>',
  // a jar
  food: '<rect x="-55" y="-50" width="110" height="130" rx="18"/><rect x="-65" y="-80" width="130" height="30" rx="6"/>',
  // an umbrella
  crafts: '<path d="M-100 0 a100 90 0 0 1 200 0 q-25 -20 -50 0 q-25 -20 -50 0 q-25 -20 -50 0 q-25 -20 -50 0 z" /><path d="M0 0 v80 q0 20 -20 20" fill="none" stroke-width="8"/>',
  // a bottle with a dropper
  beauty: '<rect x="-40" y="-20" width="80" height="110" rx="14"/><rect x="-16" y="-60" width="32" height="40"/><circle cx="0" cy="-72" r="18"/>',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A 600×600 product card: gradient, category glyph, both names. */
export function productSvg(opts: {
  category: Category;
  palette: [string, string];
  en: string;
  zh: string;
  variant: number;
}): string {
  const [dark, light] = opts.palette;
  const angle = (opts.variant * 37) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600" role="img" aria-label="${escapeXml(opts.en)}">
<defs><linearGradient id="g" gradientTransform="rotate(${angle} .5 .5)"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="#ffffff"/></linearGradient></defs>
<rect width="600" height="600" fill="url(#g)"/>
<circle cx="300" cy="250" r="${150 + (opts.variant % 4) * 8}" fill="${dark}" opacity=".12"/>
<g transform="translate(300 250) scale(1.3)" fill="${dark}" stroke="${dark}" stroke-linecap="round" stroke-linejoin="round">${GLYPHS[opts.category]}</g>
<text x="300" y="480" text-anchor="middle" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="40" font-weight="700" fill="${dark}">${escapeXml(opts.zh)}</text>
<text x="300" y="530" text-anchor="middle" font-family="system-ui,sans-serif" font-size="28" fill="${dark}" opacity=".8">${escapeXml(opts.en)}</text>
</svg>
`;
}

/** A 256×256 round logo with the merchant's first Chinese character. */
export function logoSvg(opts: { palette: [string, string]; zh: string; category: Category }): string {
  const [dark, light] = opts.palette;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img">
<circle cx="128" cy="128" r="124" fill="${dark}"/><circle cx="128" cy="128" r="108" fill="none" stroke="${light}" stroke-width="4"/>
<text x="128" y="158" text-anchor="middle" font-family="'Noto Serif CJK SC','Songti SC',serif" font-size="96" font-weight="700" fill="${light}">${escapeXml([...opts.zh][0] ?? '')}</text>
</svg>
`;
}
